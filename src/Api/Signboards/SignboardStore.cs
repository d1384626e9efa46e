using RiverGis.Api.Accounts;
using RiverGis.Api.Audit;
using RiverGis.Api.Water;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Signboards;

/// <summary>All SQL of signboards' changes: what a board prints after it was reprinted, in the caller's scope, audited.</summary>
public sealed class SignboardStore(WaterStore water)
{
    /// <summary>Replaces what the board prints (its chief's own phone is dropped: a reprinted board prints the supervision phone); false when there is no such board in scope.</summary>
    public Task<bool> ChangeAsync(Signboard board, Caller caller, string[] auditAreas, CancellationToken ct) =>
        water.ChangeAsync($"""
            UPDATE signboards SET chief_name = $2, chief_post = $3, chief_phone = NULL, extent = $4, duties = $5, target = $6, supervision_phone = $7,
                printed_on = $8
            WHERE code = $1 AND {WaterScope.Signboards("$9")}
            """, caller, new AuditEntry("update", "signboard", board.Code, new { board.ChiefName, board.ChiefPost, board.Extent, board.Target, board.SupervisionPhone,
                printed_on = board.PrintedOn }, auditAreas), true, ct,
            board.Code, board.ChiefName, board.ChiefPost, board.Extent, board.Duties, board.Target, board.SupervisionPhone, board.PrintedOn, WaterScope.AreaOf(caller));
}
