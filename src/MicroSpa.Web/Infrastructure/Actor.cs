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

    public bool IsInRole(string role) => User?.IsInRole(role) == true;

    private ClaimsPrincipal? User => http.HttpContext?.User;
}
