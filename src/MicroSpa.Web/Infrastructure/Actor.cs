using System.Security.Claims;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Web.Infrastructure;

/// <summary>Who is acting in this request, for appointment history ("who and when").</summary>
public sealed class Actor(IHttpContextAccessor http)
{
    public Guid? UserId => Guid.TryParse(User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>Staff by their sign-in name; clients as "the client", never by name.</summary>
    public string Name => User switch
    {
        null => "System",
        var user when user.IsInRole(Roles.Client) => "The client (online)",
        var user => user.Identity?.Name ?? "Staff",
    };

    /// <summary>The author of an appointment's history line.</summary>
    public ChangedBy ChangedBy => new(UserId, Name);

    /// <summary>The address the request came from (forwarded by a trusted proxy when there is one), for the audit trail.</summary>
    public string? Address => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>The author of ledger entries and their audit lines (money pages need a signed-in user).</summary>
    public Data.Billing.Actor ForLedger => new(
        UserId ?? throw new InvalidOperationException("Money is handled by a signed-in user."), Name, Address);

    public bool IsInRole(string role) => User?.IsInRole(role) == true;

    private ClaimsPrincipal? User => http.HttpContext?.User;
}
