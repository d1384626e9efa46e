namespace RiverGis.Geo.Assessment;

/// <summary>The items of the score sheet (考核评分表).</summary>
public enum AssessmentItem
{
    /// <summary>巡河达标: share of chiefs meeting their patrol frequency.</summary>
    PatrolCompliance,
    /// <summary>问题按期整改: share of issues closed in the period that were closed by their deadline.</summary>
    ClosedOnTime,
    /// <summary>红灯: red months of the year, deducted from the n-th on.</summary>
    RedLights,
    /// <summary>河长空缺: segments without a chief at the end of the period.</summary>
    Vacancies,
    /// <summary>报送及时: monthly reports submitted late or not at all.</summary>
    ReportPunctuality,
    /// <summary>任务完成: share of plan items due in the period that were done.</summary>
    TaskCompletion,
    /// <summary>水质改善: share of monitoring sections meeting their target (where sections exist).</summary>
    WaterQuality,
}

/// <summary>考核等次: 优秀, 良好, 合格, 不合格.</summary>
public enum Grade
{
    Excellent,
    Good,
    Pass,
    Fail,
}

public static class AssessmentLabels
{
    public static string ChineseLabel(this AssessmentItem item) => item switch
    {
        AssessmentItem.PatrolCompliance => "巡河达标",
        AssessmentItem.ClosedOnTime => "问题按期整改",
        AssessmentItem.RedLights => "亮灯扣分",
        AssessmentItem.Vacancies => "河长空缺",
        AssessmentItem.ReportPunctuality => "报送及时",
        AssessmentItem.TaskCompletion => "任务完成",
        _ => "水质改善",
    };

    public static string ChineseLabel(this Grade grade) => grade switch
    {
        Grade.Excellent => "优秀",
        Grade.Good => "良好",
        Grade.Pass => "合格",
        _ => "不合格",
    };
}
