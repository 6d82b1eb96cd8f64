using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Data.Identity;

/// <summary>One account type for clients and staff; what a person may do comes from their roles.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public ApplicationUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When an Admin ended this person's access (they left the clinic), or null while they may sign in. A state
    /// of its own, not a lockout: nothing but an Admin's reactivation ends it (a password reset does not).
    /// </summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>
    /// The last 30-second step whose authenticator code was accepted for this account: a code works once
    /// (RFC 6238 section 5.2), so a code seen over someone's shoulder cannot be typed again in its window.
    /// </summary>
    public long? LastTotpStep { get; set; }

    public bool Deactivated => DeactivatedAt is not null;
}
