using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Units;

/// <summary>The office's edits of units (成员单位, 联络员单位, township governments): validated against the current data.</summary>
public sealed class UnitService(UnitStore store, SystemSnapshots snapshots, TimeProvider clock)
{
    /// <summary>
    /// The units <paramref name="caller"/> sees: an office those of its subtree and of the areas above it (the units it
    /// may hand issues to), an administrator all.
    /// </summary>
    public static bool Sees(Caller caller, RiverSystem system, StoredUnit unit) =>
        AreaScope.Holds(caller, system, unit.AreaCode) || caller.Role == Role.Office && caller.AreaCode is { } own && system.AncestorsAndSelf(own).Any(a => a.Code == unit.AreaCode);

    /// <summary>One unit the caller sees; null when unknown or out of sight (the same answer).</summary>
    public async Task<StoredUnit?> GetAsync(string code, Caller caller, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        return await store.GetAsync(code, ct) is { } unit && Sees(caller, system, unit) ? unit : null;
    }

    public async Task<Outcome<StoredUnit>> CreateAsync(UnitRequest request, Caller caller, CancellationToken ct)
    {
        var (unit, errors) = await ValidateAsync(request, request.Code, ct);
        if (unit is null) return Outcome<StoredUnit>.Invalid("The unit is not valid.", errors);
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (!AreaScope.Holds(caller, system, unit.AreaCode)) return Outcome<StoredUnit>.NotFound(AreaScope.NotInScope(unit.AreaCode));
        if (!await store.InsertAsync(unit, caller, AreaScope.Chain(system, unit.AreaCode), ct))
            return Outcome<StoredUnit>.Conflict("The code is taken.", "code", $"unit '{unit.Code}' exists already");
        return Outcome<StoredUnit>.Created((await store.GetAsync(unit.Code, ct))!);
    }

    /// <summary>Edits a unit of the caller's subtree; moving it to an area outside the subtree is not found either.</summary>
    public async Task<Outcome<StoredUnit>> UpdateAsync(string code, UnitRequest request, Caller caller, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (await store.GetAsync(code, ct) is not { } current || !AreaScope.Holds(caller, system, current.AreaCode))
            return Outcome<StoredUnit>.NotFound($"There is no unit '{code}' in your scope.");
        if (request.Code is not null && request.Code != code)
            return Outcome<StoredUnit>.Invalid("The unit is not valid.", "code", $"a unit's code cannot change ('{code}' in the path)");
        var (unit, errors) = await ValidateAsync(request, code, ct);
        if (unit is null) return Outcome<StoredUnit>.Invalid("The unit is not valid.", errors);
        if (!AreaScope.Holds(caller, system, unit.AreaCode)) return Outcome<StoredUnit>.NotFound(AreaScope.NotInScope(unit.AreaCode));
        await store.UpdateAsync(unit, caller, AreaScope.Chain(system, unit.AreaCode), ct);
        return Outcome<StoredUnit>.Ok((await store.GetAsync(code, ct))!);
    }

    public async Task<Outcome<StoredUnit>> RetireAsync(string code, Caller caller, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        if (await store.GetAsync(code, ct) is not { } unit || !AreaScope.Holds(caller, system, unit.AreaCode))
            return Outcome<StoredUnit>.NotFound($"There is no unit '{code}' in your scope.");
        if (!await store.RetireAsync(code, OfficePeriod.DayOf(clock.GetUtcNow()), caller, AreaScope.Chain(system, unit.AreaCode), ct))
            return Outcome<StoredUnit>.Conflict("The unit is retired already.", "code", $"unit '{code}' was retired on {unit.RetiredOn:yyyy-MM-dd}");
        return Outcome<StoredUnit>.Ok((await store.GetAsync(code, ct))!);
    }

    private async Task<(Unit? Unit, List<ProblemItem> Errors)> ValidateAsync(UnitRequest request, string? code, CancellationToken ct)
    {
        var system = (await snapshots.CurrentAsync(ct)).System;
        var errors = new List<ProblemItem>();
        if (code is null) errors.Add(new("code", "required"));
        else if (!DatasetValidator.IsCode(code)) errors.Add(new("code", $"'{code}' is not a usable code (letters, digits, '-', '_', '.', at most 64)"));
        if (string.IsNullOrWhiteSpace(request.Name)) errors.Add(new("name", "required"));
        if (request.Kind is null) errors.Add(new("kind", "required"));
        if (request.AreaCode is null) errors.Add(new("area_code", "required"));
        else if (!system.Areas.ContainsKey(request.AreaCode)) errors.Add(new("area_code", $"unknown area '{request.AreaCode}'"));
        return errors.Count > 0 ? (null, errors)
            : (new Unit(code!, request.Name!.Trim(), request.Kind!.Value, request.AreaCode!, string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim()), errors);
    }
}
