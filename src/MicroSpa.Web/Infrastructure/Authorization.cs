using MicroSpa.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace MicroSpa.Web.Infrastructure;

/// <summary>Named policies. Every endpoint needs a signed-in user unless it says [AllowAnonymous].</summary>
public static class Policies
{
    public const string Admin = nameof(Admin);
    public const string Staff = nameof(Staff);
    public const string Client = nameof(Client);

    /// <summary>A staff member's own account pages (turning on two-factor sign-in), reachable before the second factor.</summary>
    public const string StaffAccount = nameof(StaffAccount);
    public const string FrontDesk = nameof(FrontDesk);

    /// <summary>Those who open charts: estheticians, nurses, the medical director. Not the front desk, not the Admin.</summary>
    public const string Clinical = nameof(Clinical);

    /// <summary>Clinicians, and clients (who then see only their own records: the handler checks whose they are).</summary>
    public const string ClinicalOrClient = nameof(ClinicalOrClient);

    /// <summary>Those who set the clinical rules: the medical director and the Admin.</summary>
    public const string ClinicalSettings = nameof(ClinicalSettings);

    public static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Staff, p => p.RequireRole([.. Roles.Staff]));
        options.AddPolicy(Client, p => p.RequireRole(Roles.Client));
        options.AddPolicy(StaffAccount, p => p.RequireRole([.. Roles.Staff]));
        options.AddPolicy(FrontDesk, p => p.RequireRole(Roles.FrontDesk, Roles.Admin));
        options.AddPolicy(Clinical, p => p.RequireRole([.. Roles.Clinical]));
        options.AddPolicy(ClinicalOrClient, p => p.RequireRole([.. Roles.Clinical, Roles.Client]));
        options.AddPolicy(ClinicalSettings, p => p.RequireRole(Roles.MedicalDirector, Roles.Admin));
    }
}
