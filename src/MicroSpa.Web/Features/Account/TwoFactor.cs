using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Audit;

namespace MicroSpa.Web.Features.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238): staff turn it on by scanning a key and typing a code
/// (<see cref="TwoFactorSetupPage"/>, <see cref="EnableTwoFactor"/>), get ten single-use recovery codes
/// (<see cref="NewRecoveryCodes"/>), and from then on type a code after their password (<see cref="SignInWithSecondFactor"/>).
/// What those use cases share is here.
/// </summary>
public static class TwoFactor
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The recovery codes, shown once.</summary>
    public sealed record CodesPage(IReadOnlyList<string> Codes, string ContinueTo = "/");

    /// <summary>Spaces and dashes people type between the digits do not matter.</summary>
    public static string Clean(string? code) => (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();

    internal static async Task AuditAsync(MicroSpaDbContext db, TimeProvider clock, ApplicationUser user, string action)
    {
        // Identity has saved the account already, or had its save refused (a sign-in racing this one changed
        // the row first): the audit entry is saved on its own, never the account again.
        SignIn.Handler.ForgetAccountChanges(db);
        db.AuditEntries.Add(new AuditEntry(user.Id, user.Email ?? user.UserName ?? "?", null, action, user.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }
}
