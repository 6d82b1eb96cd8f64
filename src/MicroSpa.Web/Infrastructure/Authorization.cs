using MicroSpa.Data.Identity;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Named policies, one per permission. Every endpoint names one (or says [AllowAnonymous]); a bare role list
/// ([Authorize(Roles = ...)]) may only narrow a policy, never stand alone, because only the policies carry the
/// staff two-factor requirement (EndpointAccessTests fails on an endpoint without one).
/// </summary>
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

    /// <summary>Those who search signed charts for a recalled lot (names, contacts, treatments): clinicians and the Admin.</summary>
    public const string Recall = nameof(Recall);

    public static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        // Every staff page also needs the second factor (StaffTwoFactor); a staff member's own account
        // pages do not, or nobody could set it up.
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Staff, p => p.RequireRole([.. Roles.Staff]).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Client, p => p.RequireRole(Roles.Client));
        options.AddPolicy(StaffAccount, p => p.RequireRole([.. Roles.Staff]));
        options.AddPolicy(FrontDesk, p => p.RequireRole(Roles.FrontDesk, Roles.Admin).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Clinical, p => p.RequireRole([.. Roles.Clinical]).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(ClinicalOrClient, p => p.RequireRole([.. Roles.Clinical, Roles.Client]).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(ClinicalSettings, p => p.RequireRole(Roles.MedicalDirector, Roles.Admin).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Recall, p => p.RequireRole([.. Roles.Clinical, Roles.Admin]).AddRequirements(StaffTwoFactor.Requirement));
    }
}

/// <summary>
/// Staff open staff pages only after signing in with a second factor (the "amr" claim Identity adds for a
/// two-factor sign-in). A staff member who has not set it up yet is sent to set it up.
/// </summary>
public sealed class StaffTwoFactor : AuthorizationHandler<StaffTwoFactor>, IAuthorizationRequirement
{
    public const string SetupPath = "/account/two-factor/setup";

    public static readonly StaffTwoFactor Requirement = new();

    public static bool Satisfied(ClaimsPrincipal user) =>
        !Roles.Staff.Any(user.IsInRole) || user.HasClaim("amr", "mfa");

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffTwoFactor requirement)
    {
        if (Satisfied(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Turns "forbidden for want of a second factor" into the setup page instead of access denied.</summary>
public sealed class StaffTwoFactorRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<StaffTwoFactor>().Any() == true
            && authorizeResult.AuthorizationFailure.FailedRequirements.All(r => r is StaffTwoFactor))
        {
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{StaffTwoFactor.SetupPath}?returnUrl={Uri.EscapeDataString(back)}");
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
