using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Data.Identity;

/// <summary>
/// Who the ledger names for what no staff member did (decision 048): a gift card sold online and confirmed by Stripe's webhook,
/// a card written off by the expiry round. An account that cannot sign in (no password, no role, deactivated), made the first
/// time it is needed on any instance (the primary key keeps one).
/// </summary>
public static class OnlineShopUser
{
    public static readonly Guid Id = new("0193a5f0-0000-7000-8000-000000000048");
    public const string DisplayName = "Online shop";

    public static async Task<Guid> EnsureAsync(MicroSpaDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO users (id, user_name, normalized_user_name, email_confirmed, security_stamp, phone_number_confirmed, two_factor_enabled,
                               lockout_enabled, access_failed_count, display_name, created_at, deactivated_at)
            VALUES ({Id}, 'online-shop', 'ONLINE-SHOP', false, {Guid.NewGuid().ToString()}, false, false, true, 0, {DisplayName}, {now}, {now})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        return Id;
    }
}
