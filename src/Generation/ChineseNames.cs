using RiverGis.Geo.Model;

namespace RiverGis.Generation;

/// <summary>
/// Fictional but plausible Chinese names: place names from two common place-name characters plus the level's suffix
/// (市/县/区/镇/乡/村), river names from a descriptive and a landscape character plus 江/河/溪/沟/渠, and personal
/// names from common surnames and given-name characters. None is meant to match a real place or person.
/// </summary>
internal static class ChineseNames
{
    private static readonly string[] PlaceFirst =
    [
        "青", "安", "平", "永", "兴", "德", "昌", "福", "华", "龙", "云", "石", "新", "东", "西", "南", "北", "长", "明", "清",
        "金", "玉", "宝", "高", "白", "红", "丰", "广", "泰", "嘉", "崇", "富", "信", "顺", "和", "仁", "义", "礼", "乐", "恒",
        "太", "大", "小", "上", "下", "中", "黄", "紫", "翠", "凤", "鹤", "桃", "梅", "柳", "松", "竹", "兰", "桂", "荷", "蒲",
    ];

    private static readonly string[] PlaceSecond =
    [
        "山", "水", "川", "江", "河", "溪", "泉", "湖", "坪", "坝", "桥", "林", "田", "阳", "城", "源", "岭", "峰", "谷", "洲",
        "口", "塘", "湾", "滩", "岩", "关", "堡", "营", "店", "场", "寺", "庙", "园", "屯", "庄", "寨", "台", "沟", "冲", "坡",
        "宁", "安", "丰", "兴", "隆", "盛", "福", "昌", "平", "和", "华", "化", "明", "光", "新", "乐", "寿", "康", "远", "定",
    ];

    private static readonly string[] RiverFirst =
    [
        "青", "清", "白", "黑", "黄", "赤", "碧", "绿", "金", "银", "玉", "珠", "龙", "凤", "马", "牛", "鹿", "鹤", "燕", "鱼",
        "桃", "梅", "柳", "松", "竹", "兰", "桂", "荷", "芦", "蒲", "长", "大", "小", "东", "西", "南", "北", "上", "下", "中",
        "沙", "石", "泥", "浪", "涌", "响", "鸣", "明", "安", "宁", "平", "永", "兴", "太", "双", "三", "九", "百", "千", "万",
    ];

    private static readonly string[] RiverSecond =
    [
        "溪", "泉", "水", "源", "滩", "潭", "湾", "沙", "石", "岩", "林", "竹", "花", "草", "田", "坪", "坝", "山", "岭", "峡",
        "门", "口", "关", "桥", "洞", "塘", "湖", "池", "井", "渡", "浦", "洲", "湍", "溶", "漪", "澜", "波", "涛", "流", "川",
    ];

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
        "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    ];

    // Weights for the surnames above: the most common ones are much more frequent, as in real rolls.
    private static readonly double[] SurnameWeights = Surnames.Select((_, i) => 1.0 / (1 + i * 0.08)).ToArray();

    private static readonly string[] GivenCharacters =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
        "刚", "桂", "英", "华", "玉", "兰", "文", "辉", "建", "国", "红", "云", "峰", "斌", "林", "海", "鹏", "飞", "波", "宇",
        "浩", "凯", "健", "俊", "帆", "鑫", "晨", "雪", "婷", "琳", "欣", "怡", "悦", "嘉", "志", "永", "春", "德", "宏", "亮",
        "成", "新", "荣", "庆", "松", "燕", "梅", "忠", "胜", "利", "清", "彬", "祥", "瑞", "学", "安", "东", "晓", "思", "振",
    ];

    public static string Place(Random random, AdminLevel level, int siblingIndex)
    {
        var first = random.Pick(PlaceFirst);
        if (first == "信") first = "信";
        var stem = first + random.Pick(PlaceSecond);
        return stem + level switch
        {
            AdminLevel.Province => "省",
            AdminLevel.City => "市",
            AdminLevel.County => siblingIndex < 2 ? "区" : "县",
            AdminLevel.Township => random.NextDouble() < 0.7 ? "镇" : "乡",
            _ => random.NextDouble() < 0.06 ? "社区" : "村",
        };
    }

    /// <summary>A river name whose suffix follows its size: 江 for the largest, then 河, then 溪/沟/渠 for small streams.</summary>
    public static string River(Random random, double lengthKm)
    {
        var stem = random.Pick(RiverFirst) + random.Pick(RiverSecond);
        var suffix = lengthKm switch
        {
            >= 150 => random.NextDouble() < 0.6 ? "江" : "河",
            >= 20 => "河",
            >= 8 => random.NextDouble() < 0.7 ? "河" : "溪",
            _ => random.Weighted([0.45, 0.3, 0.15, 0.1]) switch { 0 => "溪", 1 => "沟", 2 => "河", _ => "渠" },
        };
        return stem + suffix;
    }

    public static string Person(Random random)
    {
        var surname = Surnames[random.Weighted(SurnameWeights)];
        var given = random.Pick(GivenCharacters);
        if (random.NextDouble() < 0.65) given += random.Pick(GivenCharacters);
        return surname + given;
    }

    /// <summary>Chinese numeral for small ordinals (二, 三 … 十, 十一 …) used to tell apart rivers of the same name.</summary>
    public static string Numeral(int n)
    {
        string[] digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        if (n < 10) return digits[n];
        if (n < 20) return "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        if (n < 100) return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
