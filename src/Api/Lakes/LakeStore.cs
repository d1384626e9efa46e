using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Api.Water;

namespace RiverGis.Api.Lakes;

/// <summary>All SQL of lakes' and reservoirs' changes: a zone's 湖长/库长 appointed or recorded vacant, in the caller's scope, audited.</summary>
public sealed class LakeStore(WaterStore water)
{
    /// <summary>Sets the zone's chief (null: vacant); false when there is no such zone in scope.</summary>
    public Task<bool> AppointAsync(string zoneCode, string? chiefId, Caller caller, string[] auditAreas, CancellationToken ct) =>
        water.ChangeAsync($"UPDATE water_body_zones SET chief_id = $2 WHERE code = $1 AND {WaterScope.Zones("$3")}", caller,
            new AuditEntry("appoint", "water_body_zone", zoneCode, new { chief_id = chiefId }, auditAreas), true, ct, zoneCode, chiefId, WaterScope.AreaOf(caller));
}
