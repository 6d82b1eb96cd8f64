using MicroSpa.Data.Identity;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>A client account whose record is not linked yet (it waits for the client's confirmation): only the page that says so.</summary>
    public const string ClientAccount = nameof(ClientAccount);

    /// <summary>A staff member's own account pages (turning on two-factor sign-in), reachable before the second factor.</summary>
    public const string StaffAccount = nameof(StaffAccount);
    public const string FrontDesk = nameof(FrontDesk);

    /// <summary>Anyone signed in, on their own account's pages (their sessions); staff with their second factor.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Those who open charts: estheticians, nurses, the medical director. Not the front desk, not the Admin.</summary>
    public const string Clinical = nameof(Clinical);

    /// <summary>Clinicians, and clients (who then see only their own records: the handler checks whose they are).</summary>
    public const string ClinicalOrClient = nameof(ClinicalOrClient);

    /// <summary>Those who set the clinical rules: the medical director and the Admin.</summary>
    public const string ClinicalSettings = nameof(ClinicalSettings);

    /// <summary>Those who search signed charts for a recalled lot (names, contacts, treatments): clinicians and the Admin.</summary>
    public const string Recall = nameof(Recall);

    /// <summary>The medical director alone: good-faith exams (medical clearance) and co-signatures.</summary>
    public const string MedicalDirector = nameof(MedicalDirector);

    /// <summary>Those who hand the clinic's tablet to a client for screening and consent: the front desk and the clinicians.</summary>
    public const string Intake = nameof(Intake);

    /// <summary>Checking a visit out, a walk-in's purchase, taking payment, voiding, receipts: the front desk and the Admin (decision 033).</summary>
    public const string Checkout = nameof(Checkout);

    /// <summary>Sending money back: the Admin, and the front desk when the clinic grants it (<see cref="RefundPermission"/>).</summary>
    public const string Refund = nameof(Refund);

    /// <summary>Reading the reports: the Admin, and a Manager (the front desk lead), who reads and changes nothing.</summary>
    public const string Reports = nameof(Reports);

    /// <summary>
    /// The outcome report (scores over sessions per indication and area, no money): the clinicians, the Admin and a Manager.
    /// Not the front desk alone, not clients.
    /// </summary>
    public const string Outcomes = nameof(Outcomes);

    /// <summary>A discount above the clinic's limit (a share of the line): the Admin alone. Asked by the handler, not on an endpoint.</summary>
    public const string DiscountAboveLimit = nameof(DiscountAboveLimit);

    public static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        // Every staff page also needs the second factor (StaffTwoFactor); a staff member's own account
        // pages do not, or nobody could set it up.
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Staff, p => p.RequireRole([.. Roles.Staff]).AddRequirements(StaffTwoFactor.Requirement));
        // A client account reaches its pages only once it is linked to its client record; one made by the front
        // desk waits for the client's confirmation (docs/security.md, "Portal accounts").
        options.AddPolicy(Client, p => p.RequireRole(Roles.Client).AddRequirements(ClientRecordLinked.Requirement));
        options.AddPolicy(ClientAccount, p => p.RequireRole(Roles.Client));
        options.AddPolicy(StaffAccount, p => p.RequireRole([.. Roles.Staff]));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser().AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(FrontDesk, p => p.RequireRole(Roles.FrontDesk, Roles.Admin).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Clinical, p => p.RequireRole([.. Roles.Clinical]).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(ClinicalOrClient, p => p.RequireRole([.. Roles.Clinical, Roles.Client]).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(ClinicalSettings, p => p.RequireRole(Roles.MedicalDirector, Roles.Admin).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Recall, p => p.RequireRole([.. Roles.Clinical, Roles.Admin]).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(MedicalDirector, p => p.RequireRole(Roles.MedicalDirector).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Intake, p => p.RequireRole([Roles.FrontDesk, Roles.Admin, .. Roles.Clinical]).AddRequirements(StaffTwoFactor.Requirement));
        // Money: clinicians see none of it unless they are desk staff too (roles add up).
        options.AddPolicy(Checkout, p => p.RequireRole(Roles.FrontDesk, Roles.Admin).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Refund, p => p.RequireRole(Roles.FrontDesk, Roles.Admin).AddRequirements(StaffTwoFactor.Requirement, RefundPermission.Requirement));
        options.AddPolicy(Reports, p => p.RequireRole(Roles.Admin, Roles.Manager).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(Outcomes, p => p.RequireRole([.. Roles.Clinical, Roles.Admin, Roles.Manager]).AddRequirements(StaffTwoFactor.Requirement));
        options.AddPolicy(DiscountAboveLimit, p => p.RequireRole(Roles.Admin).AddRequirements(StaffTwoFactor.Requirement));
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

/// <summary>
/// A client account reaches the client pages only once it is linked to its client record. An account the front
/// desk invited (or one signed up with an address the front desk typed) is not, until the client confirms the
/// address in person; it is sent to a page that says so.
/// </summary>
public sealed class ClientRecordLinked : AuthorizationHandler<ClientRecordLinked>, IAuthorizationRequirement
{
    public const string WaitingPath = "/my/account-pending";

    public static readonly ClientRecordLinked Requirement = new();

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ClientRecordLinked requirement)
    {
        if (!context.User.IsInRole(Roles.Client))
        {
            return;
        }

        var services = (context.Resource as HttpContext)?.RequestServices
            ?? (context.Resource as Microsoft.AspNetCore.Mvc.Filters.AuthorizationFilterContext)?.HttpContext.RequestServices;
        if (services?.GetService<CurrentClient>() is { } current && await current.IdAsync(CancellationToken.None) is not null)
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// Who may refund: the Admin always; the front desk only when the clinic's billing settings say so
/// (<c>billing_settings.front_desk_may_refund</c>, off by default). Checked by <see cref="RefundPermissionHandler"/>.
/// </summary>
public sealed class RefundPermission : IAuthorizationRequirement
{
    public static readonly RefundPermission Requirement = new();
}

/// <remarks>Scoped, with the request's services: the database is asked only when a refund is authorized for the desk.</remarks>
public sealed class RefundPermissionHandler(IServiceProvider services) : AuthorizationHandler<RefundPermission>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RefundPermission requirement)
    {
        if (context.User.IsInRole(Roles.Admin))
        {
            context.Succeed(requirement);
            return;
        }

        if (context.User.IsInRole(Roles.FrontDesk)
            && await services.GetRequiredService<MicroSpa.Data.MicroSpaDbContext>().BillingSettings.AsNoTracking().AnyAsync(s => s.FrontDeskMayRefund))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// Turns "forbidden for want of a second factor" into the setup page, and "a client account not linked to its
/// record yet" into the page that explains why, instead of access denied.
/// </summary>
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

        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.Any() == true
            && authorizeResult.AuthorizationFailure.FailedRequirements.All(r => r is ClientRecordLinked))
        {
            context.Response.Redirect(ClientRecordLinked.WaitingPath);
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
