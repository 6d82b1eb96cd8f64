using System.Security.Claims;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Runtime.ExceptionServices;
using MicroSpa.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Sign-in sessions kept in PostgreSQL (<c>auth_sessions</c>): the cookie carries only the session's id,
/// encrypted. A session ends on the server, on every app instance at once, when its row is deleted:
/// signing out, an Admin deactivating someone or ending their sessions, a password reset, or
/// "sign out everywhere". A cookie saved before then opens nothing (decision 022).
/// </summary>
public sealed class ServerSessions(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    /// <summary>The "last seen" time is written at most this often per session, not on every request.</summary>
    public static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(1);

    /// <summary>The session's own id, in the ticket's properties, so a page can tell "this device" apart.</summary>
    private const string SessionItem = "microspa.session";

    /// <summary>The id of the session this request was signed in with, or null.</summary>
    public static Guid? CurrentId(HttpContext context) =>
        context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.Items.TryGetValue(SessionItem, out var value) == true
        && Guid.TryParse(value, out var id) ? id : null;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var userId = Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var user) ? user
            : throw new InvalidOperationException("A session needs the account's id.");
        ticket.Properties.Items[SessionItem] = id.ToString();
        var device = httpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : "Unknown device";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MicroSpaDbContext>();
        db.AuthSessions.Add(new AuthSession(id, userId, TicketSerializer.Default.Serialize(ticket), device, clock.GetUtcNow(), ticket.Properties.ExpiresUtc));
        await db.SaveChangesAsync(cancellationToken);
        return id.ToString();
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return;
        }

        ticket.Properties.Items[SessionItem] = id.ToString();
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MicroSpaDbContext>();

        // A session ended meanwhile (signed out elsewhere) stays ended: only an existing row is renewed.
        await db.AuthSessions.Where(s => s.Id == id).ExecuteUpdateAsync(
            set => set.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.ExpiresAt, ticket.Properties.ExpiresUtc),
            cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return null;
        }

        try
        {
            return await LookUpAsync(id, cancellationToken);
        }
        catch (Exception failure) when (httpContext is not null && (DatabaseFailure.IsUnavailable(failure) || DatabaseFailure.IsContention(failure)))
        {
            // Not thrown from here: the authentication handler keeps its first result for the whole request,
            // so the error page re-executed for it would fail the same way and the caller would get an
            // unhandled error instead of the 503 page. RethrowFailedLookup throws it after authentication.
            httpContext.Items[LookupFailed] = ExceptionDispatchInfo.Capture(failure);
            return null;
        }
    }

    /// <summary>Middleware after authentication: a session lookup that failed fails the request (once, not its error page).</summary>
    public static Task RethrowFailedLookup(HttpContext context, RequestDelegate next)
    {
        if (context.Items.TryGetValue(LookupFailed, out var failure) && failure is ExceptionDispatchInfo captured
            && context.Features.Get<IExceptionHandlerFeature>() is null)
        {
            captured.Throw();
        }

        return next(context);
    }

    private const string LookupFailed = "MicroSpa.SessionLookupFailed";

    private async Task<AuthenticationTicket?> LookUpAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MicroSpaDbContext>();
        var row = await db.AuthSessions.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Ticket, s.LastSeenAt }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (now - row.LastSeenAt > SeenEvery)
        {
            await db.AuthSessions.Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return TicketSerializer.Default.Deserialize(row.Ticket);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MicroSpaDbContext>();
        await db.AuthSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends every session of the account (the caller's database context, so it commits with the caller's change).</summary>
    public static Task<int> EndAllAsync(MicroSpaDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.AuthSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
