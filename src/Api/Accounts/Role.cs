namespace RiverGis.Api.Accounts;

/// <summary>What a user of RiverGis may do (README "Roles"); the wire code is the snake_case name.</summary>
public enum Role
{
    /// <summary>Anyone, signed in or not: the public layers and analyses, reporting a problem, following one's own report.</summary>
    Public,
    /// <summary>A river chief (河长), linked to one chief id: the issues routed to them or on the segments they hold.</summary>
    Chief,
    /// <summary>River-chief office staff (河长办) of one administrative area: everything in that area's subtree.</summary>
    Office,
    /// <summary>Administrators: users, datasets, settings and the whole audit log.</summary>
    Admin,
}

public static class Roles
{
    public static string ChineseLabel(this Role role) => role switch
    {
        Role.Public => "公众",
        Role.Chief => "河长",
        Role.Office => "河长办",
        Role.Admin => "管理员",
        _ => role.ToString(),
    };
}
