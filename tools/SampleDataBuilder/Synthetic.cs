using NetTopologySuite.Geometries;

using RiverGis.Geo.Model;

namespace RiverGis.SampleDataBuilder;

/// <summary>Fictional people with distinct names and obviously fictional phone numbers (1380000xxxx).</summary>
public sealed class People
{
    private const string Surnames = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江薛尹段雷黎史龙陶贺顾毛郝龚邵万严赖洪武";
    private static readonly string[] Given =
    [
        "建国", "建华", "国强", "志强", "秀英", "丽华", "晓明", "海燕", "文斌", "德明", "玉兰", "红梅", "建军", "永红",
        "春生", "桂芳", "志刚", "明辉", "立新", "淑珍", "卫东", "雪梅", "光荣", "振华", "秀兰", "俊杰", "宏伟", "静",
        "磊", "勇", "军", "敏", "平", "刚", "芳", "霞", "波", "涛", "斌", "琳", "文华", "世明", "兴福", "德清",
    ];
    // Yi names for the two 彝族乡 and their villages, as commonly written in Chinese (family name + given name).
    private static readonly string[] YiFamily = ["吉克", "沙马", "阿苦", "海来", "马黑", "俄木", "阿牛", "吉尔", "曲比", "阿说"];
    private static readonly string[] YiGiven = ["阿呷", "木呷", "日者", "尔布", "伍各", "拉哈", "金花", "有格", "依伍", "石且"];

    private readonly Random _rng = new(2026);
    private readonly HashSet<string> _names = [];
    private int _phone;

    public (string Name, string Phone) Next(bool yi)
    {
        string name;
        do
        {
            name = yi
                ? YiFamily[_rng.Next(YiFamily.Length)] + YiGiven[_rng.Next(YiGiven.Length)]
                : Surnames[_rng.Next(Surnames.Length)] + Given[_rng.Next(Given.Length)];
        } while (!_names.Add(name));
        return (name, $"1380000{++_phone:0000}");
    }
}

public static class Synthetic
{
    private const int MaxChiefsPerArea = 3;

    /// <summary>
    /// One 总河长 per area, then up to three 河长 per area holding its segments round-robin (one person often
    /// holds several stretches). Vacant segments stay without chief. <paramref name="idleAreas"/> get one extra
    /// 河长 who holds no segment at all (harmless, a real roster often has one).
    /// </summary>
    public static void AssignChiefs(Dataset ds, People people, params string[] idleAreas)
    {
        int n = 0;
        string NextId() => $"{ds.Prefix}-P{++n:000}";
        foreach (var area in ds.Areas.OrderBy(a => a.Level).ThenBy(a => a.Code, StringComparer.Ordinal))
        {
            bool yi = IsYi(ds, area);
            var (gname, gphone) = people.Next(yi);
            ds.Chiefs.Add(new Chief(NextId(), gname, ChiefRole.General, area.Code, gphone));
            var segs = ds.Segments.Where(s => s.AreaCode == area.Code && !ds.Vacant.Contains(s.Code)).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
            int persons = Math.Min(MaxChiefsPerArea, segs.Count) + (idleAreas.Contains(area.Code) ? 1 : 0);
            var chiefs = new List<Chief>();
            for (int i = 0; i < persons; i++)
            {
                var (name, phone) = people.Next(yi);
                chiefs.Add(new Chief(NextId(), name, ChiefRole.Chief, area.Code, phone));
            }
            ds.Chiefs.AddRange(chiefs);
            for (int i = 0; i < segs.Count; i++) ds.Replace(segs[i] with { ChiefId = chiefs[i % Math.Min(MaxChiefsPerArea, segs.Count)].Id });
        }
        foreach (var area in idleAreas)
            ds.Defects.Add(new Defect("harmless: chief without segment", [ds.Chiefs.Last(c => c.AreaCode == area).Id],
                $"河长 of {ds.Area(area).Name} ({area}) who holds no segment; every reference still resolves"));
    }

    /// <summary>The departments of the river-chief system (成员单位), named for the top area.</summary>
    private static readonly (string Code, string Name, UnitKind Kind)[] Departments =
    [
        ("SW", "水务局", UnitKind.Member), ("HB", "生态环境局", UnitKind.Member), ("ZR", "自然资源局", UnitKind.Member),
        ("ZJ", "住房和城乡建设局", UnitKind.Member), ("NY", "农业农村局", UnitKind.Liaison), ("HZB", "河长制办公室", UnitKind.Office),
    ];

    /// <summary>
    /// Units (units.csv, synthetic): the departments of the top area and one government per township, to whom
    /// problems and plan items are handed. Nothing random: the sample's other files are unchanged by them.
    /// </summary>
    public static void AddUnits(Dataset ds)
    {
        var top = ds.Areas.Where(a => a.ParentCode is null).OrderBy(a => a.Code, StringComparer.Ordinal).First();
        foreach (var (code, name, kind) in Departments) ds.Units.Add(new Unit($"{ds.Prefix}-U-{code}", top.Name + name, kind, top.Code, null));
        foreach (var township in ds.Areas.Where(a => a.Level == AdminLevel.Township).OrderBy(a => a.Code, StringComparer.Ordinal))
            ds.Units.Add(new Unit($"{ds.Prefix}-U-{township.Code}", township.Name + "人民政府", UnitKind.Government, township.Code, null));
    }

    private static bool IsYi(Dataset ds, AdminArea area)
    {
        for (AdminArea? a = area; a is not null; a = a.ParentCode is null ? null : ds.Area(a.ParentCode))
            if (a.Name.Contains("彝族", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// Outlets 10–80 m off real river lines on alternating banks; kinds, scales and permits vary; every
    /// sixth one is left without river_code (outlets are often registered before they are linked to a river).
    /// </summary>
    public static void AddOutlets(Dataset ds, int count, int seed)
    {
        var rng = new Random(seed);
        var rivers = ds.Rivers.Where(r => ds.Segments.Any(s => s.RiverCode == r.Code)).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var lowest = ds.AreaLevels.Max();
        string[] kinds = ["municipal", "industrial", "agricultural", "aquaculture", "other"];
        var names = new HashSet<string>();
        var lengths = rivers.Select(r => ds.Utm.Length(r.Geometry)).ToList();
        for (int i = 0; i < count; i++)
        {
            // Longer rivers get more outlets: pick by a random point along the summed length.
            double pick = rng.NextDouble() * lengths.Sum();
            int ri = 0;
            while (pick > lengths[ri]) pick -= lengths[ri++];
            var river = rivers[ri];
            var lineRef = new LineRef(river.Geometry, ds.Utm);
            int side = i % 2 == 0 ? 1 : -1;
            // Alternate banks, but a border river (Rhein) has one bank abroad: then the other bank is used.
            Point? point = null;
            for (int tries = 0; point is null; tries++)
            {
                if (tries > 200) throw new InvalidOperationException($"cannot place outlet {i + 1} in {ds.Code}");
                int part = rng.Next(lineRef.PartCount);
                double m = rng.NextDouble() * lineRef.PartLength(part);
                var at = lineRef.At(part, m);
                double off = 10 + rng.NextDouble() * 70;
                foreach (int bank in new[] { side, -side })
                {
                    var ll = ds.Utm.Inverse(at.X - at.Dy * off * bank, at.Y + at.Dx * off * bank);
                    var candidate = Geo.Factory.CreatePoint(new Coordinate(Geo.Round(ll.X), Geo.Round(ll.Y)));
                    if (point is null && ds.Areas.Any(a => a.Level == lowest && a.Geometry.Covers(candidate))) point = candidate;
                }
            }
            string kind = kinds[(i + rng.Next(2)) % kinds.Length];
            string scale = rng.NextDouble() < (kind == "municipal" ? 0.7 : 0.3) ? "above" : "below";
            string permit = rng.NextDouble() switch { < 0.55 => "approved", < 0.8 => "pending", _ => "none" };
            // A treatment plant is named after its town (township level), everything else after the village.
            var level = kind == "municipal" && scale == "above" ? AdminLevel.Township : lowest;
            var place = ds.Areas.Single(a => a.Level == level && a.Geometry.Covers(point));
            string name = Segments.ShortName(place.Name) + kind switch
            {
                "municipal" => scale == "above" ? "污水处理厂排口" : "生活污水排口",
                "industrial" => ds.Code == "jinkouhe" && rng.Next(2) == 0 ? "砂石厂排口" : "工业园区排口",
                "agricultural" => "农田退水排口",
                "aquaculture" => "养殖场排口",
                _ => "雨水排口",
            };
            for (int k = 2; !names.Add(name); k++) name = name.TrimEnd("0123456789号".ToCharArray()) + $"{k}号";
            ds.Outlets.Add(new Outlet($"{ds.Prefix}-O{i + 1:00}", name, Code<OutletKind>(kind), Code<OutletScale>(scale), Code<PermitStatus>(permit),
                i % 6 == 5 ? null : river.Code, point));
        }
    }

    private static T Code<T>(string code) where T : struct, Enum =>
        EnumCodes.TryParse<T>(code, out var value) ? value : throw new ArgumentException($"'{code}' is not a {typeof(T).Name} code");

    /// <summary>
    /// GPS tracks of patrols along a chief's own segment: a vertex every 30–60 m with 3–10 m of jitter.
    /// The first chief patrols three times, the second twice, the rest once; most chiefs never patrol.
    /// </summary>
    public static void AddTracks(Dataset ds, int count, int seed, params AdminLevel[] levels)
    {
        var rng = new Random(seed);
        var candidates = ds.Chiefs
            .Where(c => c.Role == ChiefRole.Chief && levels.Contains(ds.Area(c.AreaCode).Level))
            .Select(c => (Chief: c, Pieces: ds.Segments.Where(s => s.ChiefId == c.Id)
                .SelectMany(s => Geo.Lines(s.Geometry).Select(l => (Seg: s, Line: l))).Where(p => ds.Utm.Length(p.Line) >= 800).ToList()))
            .Where(c => c.Pieces.Count > 0)
            .OrderBy(c => rng.Next())
            .ToList();
        var plan = new List<(Chief, List<(Segment Seg, LineString Line)>)>();
        for (int i = 0; plan.Count < count; i++)
        {
            var (chief, pieces) = candidates[i % candidates.Count];
            for (int k = 0; k < (i == 0 ? 3 : i == 1 ? 2 : 1) && plan.Count < count; k++) plan.Add((chief, pieces));
        }
        var usedDays = new HashSet<(string, int)>();
        foreach (var (chief, pieces) in plan)
        {
            var (_, line) = pieces[rng.Next(pieces.Count)];
            var lineRef = new LineRef(line, ds.Utm);
            double total = lineRef.PartLength(0);
            double walk = Math.Min(total, 1200 + rng.NextDouble() * 3800);
            double start = rng.NextDouble() * (total - walk);
            bool upstream = rng.Next(3) == 0;
            LineString? track = null;
            for (int attempt = 0; track is null; attempt++)
            {
                if (attempt > 50) throw new InvalidOperationException($"no simple track for {chief.Id}");
                var coords = new List<Coordinate>();
                for (double m = start; ; m += 30 + rng.NextDouble() * 30)
                {
                    var at = lineRef.At(0, Math.Min(m, start + walk));
                    double r = 3 + rng.NextDouble() * 7, a = rng.NextDouble() * 2 * Math.PI;
                    var ll = ds.Utm.Inverse(at.X + r * Math.Cos(a), at.Y + r * Math.Sin(a));
                    coords.Add(new Coordinate(Geo.Round(ll.X), Geo.Round(ll.Y)));
                    if (m >= start + walk) break;
                }
                if (upstream) coords.Reverse();
                var candidate = Geo.RoundLine(Geo.Factory.CreateLineString([.. coords]));
                if (candidate.IsSimple && candidate.NumPoints >= 2) track = candidate;
            }
            int day;
            do day = rng.Next(91); while (!usedDays.Add((chief.Id, day)));
            var local = new DateTime(2026, 9, 1).AddDays(day).AddHours(8 + rng.Next(8)).AddMinutes(rng.Next(60));
            double speedKmh = 2.0 + rng.NextDouble() * 1.5;
            int minutes = (int)Math.Clamp(walk / 1000 / speedKmh * 60 + 5 + rng.Next(20), 30, 150);
            var started = new DateTimeOffset(local, ds.UtcOffset(local));
            var endLocal = local.AddMinutes(minutes);
            ds.Tracks.Add(new PatrolTrack(chief.Id, started, new DateTimeOffset(endLocal, ds.UtcOffset(endLocal)), track));
        }
        ds.Tracks.Sort((a, b) => a.StartedAt.CompareTo(b.StartedAt));
    }
}
