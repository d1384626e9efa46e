using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Units;

/// <summary>The office's edits of units (成员单位, 联络员单位, township governments): validated against the current data.</summary>
public sealed class UnitService(UnitStore store, SystemSnapshots snapshots, TimeProvider clock)
{
    public async Task<Outcome<StoredUnit>> CreateAsync(UnitRequest request, CancellationToken ct)
    {
        var (unit, errors) = await ValidateAsync(request, request.Code, ct);
        if (unit is null) return Outcome<StoredUnit>.Invalid("The unit is not valid.", errors);
        if (!await store.InsertAsync(unit, ct)) return Outcome<StoredUnit>.Conflict("The code is taken.", "code", $"unit '{unit.Code}' exists already");
        return Outcome<StoredUnit>.Created((await store.GetAsync(unit.Code, ct))!);
    }

    public async Task<Outcome<StoredUnit>> UpdateAsync(string code, UnitRequest request, CancellationToken ct)
    {
        if (await store.GetAsync(code, ct) is null) return Outcome<StoredUnit>.NotFound($"There is no unit '{code}'.");
        if (request.Code is not null && request.Code != code)
            return Outcome<StoredUnit>.Invalid("The unit is not valid.", "code", $"a unit's code cannot change ('{code}' in the path)");
        var (unit, errors) = await ValidateAsync(request, code, ct);
        if (unit is null) return Outcome<StoredUnit>.Invalid("The unit is not valid.", errors);
        await store.UpdateAsync(unit, ct);
        return Outcome<StoredUnit>.Ok((await store.GetAsync(code, ct))!);
    }

    public async Task<Outcome<StoredUnit>> RetireAsync(string code, CancellationToken ct)
    {
        var unit = await store.GetAsync(code, ct);
        if (unit is null) return Outcome<StoredUnit>.NotFound($"There is no unit '{code}'.");
        if (!await store.RetireAsync(code, OfficePeriod.DayOf(clock.GetUtcNow()), ct))
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
