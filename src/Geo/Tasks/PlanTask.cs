using RiverGis.Geo.Model;

namespace RiverGis.Geo.Tasks;

/// <summary>The office's four lists (四张清单: 目标、问题、任务、责任); a 一河一策 plan puts each item on one of them.</summary>
public enum PlanList
{
    /// <summary>目标清单: what the river must reach (e.g. a water-quality class).</summary>
    Target,
    /// <summary>问题清单: a known problem to solve.</summary>
    Problem,
    /// <summary>任务清单: a measure to carry out.</summary>
    Task,
    /// <summary>责任清单: who answers for what.</summary>
    Responsibility,
}

/// <summary>Where a plan item stands.</summary>
public enum PlanTaskStatus
{
    /// <summary>未开始: no progress reported yet.</summary>
    Planned,
    /// <summary>推进中: progress reported, not finished.</summary>
    InProgress,
    /// <summary>已完成: 100 % reached.</summary>
    Done,
    /// <summary>已取消: dropped by the office (no longer lit or counted).</summary>
    Cancelled,
}

/// <summary>Codes and labels of the plan enums, and the status a progress figure means.</summary>
public static class PlanTasks
{
    public static string ChineseLabel(this PlanList list) => list switch
    {
        PlanList.Target => "目标清单",
        PlanList.Problem => "问题清单",
        PlanList.Task => "任务清单",
        _ => "责任清单",
    };

    public static string ChineseLabel(this PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.Planned => "未开始",
        PlanTaskStatus.InProgress => "推进中",
        PlanTaskStatus.Done => "已完成",
        _ => "已取消",
    };

    /// <summary>0 % planned, 1–99 % in progress, 100 % done; a cancelled item stays cancelled.</summary>
    public static PlanTaskStatus StatusOf(int progress, bool cancelled) =>
        cancelled ? PlanTaskStatus.Cancelled : progress >= 100 ? PlanTaskStatus.Done : progress > 0 ? PlanTaskStatus.InProgress : PlanTaskStatus.Planned;

    /// <summary>Finished items (done or cancelled) take no light and need no more work.</summary>
    public static bool IsFinished(this PlanTaskStatus status) => status is PlanTaskStatus.Done or PlanTaskStatus.Cancelled;

    public static bool TryParse(string? code, out PlanList list) => EnumCodes.TryParse(code, out list);
}
