using Mapster;
using RiverGis.Geo.Issues;

namespace RiverGis.Api.Issues;

/// <summary>Mapster rules from the stored issue to the API's view (labels and the status light are computed).</summary>
public static class IssueMapping
{
    public static void Configure(TypeAdapterConfig config)
    {
        config.NewConfig<IssueRow, IssueDto>()
            .Map(d => d.Category, s => s.Category.ToCode())
            .Map(d => d.CategoryLabel, s => s.Category.ChineseLabel())
            .Map(d => d.Status, s => s.Status.ToCode())
            .Map(d => d.StatusLabel, s => s.Status.ChineseLabel())
            .Map(d => d.PossibleDuplicates, s => s.DuplicateOf)
            .Map(d => d.AllowedActions, s => IssueLifecycle.AllowedActions(s.Status).Select(ActionCodes.ToCode).ToArray())
            .Ignore(d => d.Light, d => d.LightLabel, d => d.DaysLeft, d => d.Events!);
    }

    /// <summary>The DTO of a stored issue as of <paramref name="now"/> (the light depends on the clock).</summary>
    public static IssueDto ToDto(this IssueRow row, DateTimeOffset now)
    {
        var dto = row.Adapt<IssueDto>();
        var light = StatusLight.Of(row.Status, row.Deadline, now);
        dto.Light = light.ToString().ToLowerInvariant();
        dto.LightLabel = light.ChineseLabel();
        dto.DaysLeft = Math.Round((row.Deadline - now).TotalDays, 1);
        return dto;
    }
}

/// <summary>Wire codes of lifecycle actions (snake_case): assign, reassign, start_rectification, …</summary>
public static class ActionCodes
{
    public static string ToCode(IssueActionKind kind) => kind switch
    {
        IssueActionKind.Assign => "assign",
        IssueActionKind.Reassign => "reassign",
        IssueActionKind.StartRectification => "start_rectification",
        IssueActionKind.SubmitForVerification => "submit_for_verification",
        IssueActionKind.PassVerification => "pass_verification",
        IssueActionKind.FailVerification => "fail_verification",
        _ => "reject",
    };

    public static bool TryParse(string? code, out IssueActionKind kind)
    {
        foreach (var candidate in Enum.GetValues<IssueActionKind>())
        {
            if (ToCode(candidate) != code) continue;
            kind = candidate;
            return true;
        }
        kind = default;
        return false;
    }

    public static string Expected => string.Join("|", Enum.GetValues<IssueActionKind>().Select(ToCode));
}
