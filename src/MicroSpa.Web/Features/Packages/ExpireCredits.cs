using System.Globalization;
using System.Net;
using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Packages;

/// <summary>
/// The wallet's background round (decision 057): credits past their package's last day get one Expired entry each, and a client
/// whose credits end within <see cref="WarnDays"/> days is emailed once, through the outbox (its key is the lot's). Each lot is
/// decided in its own transaction under the lot's lock, read again there, so any number of instances may run this at once.
/// </summary>
public static class ExpireCredits
{
    public const int WarnDays = 14;

    public sealed record Result(int Expired, int Warned);

    public sealed class Handler(
        MicroSpaDbContext db, Wallet wallet, OutboxQueue outbox, PublicLinks links, ClinicTimeZone zone, TimeProvider clock, IOptions<ClinicOptions> clinic,
        ILogger<Handler> logger)
    {
        public static string WarningKey(Guid lotId) => $"credits-expiring:{lotId}";

        public async Task<Result> RunAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = zone.Today(now);
            var expired = 0;
            foreach (var lotId in await wallet.OpenLotsExpiringAsync(DateOnly.MinValue, today.AddDays(-1), cancellationToken))
            {
                var written = await db.InTransactionAsync(
                    async token =>
                    {
                        if (await wallet.ExpireAsync(lotId, today, now, token) is null)
                        {
                            return false;
                        }

                        await db.SaveChangesAsync(token);
                        return true;
                    },
                    null,
                    cancellationToken);
                expired += written ? 1 : 0;
            }

            var warned = 0;
            var soon = await wallet.OpenLotsExpiringAsync(today, today.AddDays(WarnDays), cancellationToken);
            var keys = soon.Select(WarningKey).ToList();
            var sent = (await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var lotId in soon.Where(l => !sent.Contains(WarningKey(l))))
            {
                var queued = await db.InTransactionAsync(async token => await WarnAsync(lotId, today, token), null, cancellationToken);
                warned += queued ? 1 : 0;
            }

            if (expired + warned > 0)
            {
                logger.LogInformation("Wallet round: {Expired} package credit lots expired, {Warned} clients told of credits ending soon", expired, warned);
            }

            return new Result(expired, warned);
        }

        private async Task<bool> WarnAsync(Guid lotId, DateOnly today, CancellationToken cancellationToken)
        {
            var key = WarningKey(lotId);
            var lot = await wallet.LockedLotAsync(lotId, cancellationToken);
            // A membership's month (decision 061) ends every month: its members are not warned of it each time.
            if (lot is not { Issued: true, Left: > 0, ExpiresOn: { } last, Version.Source: Domain.Wallet.CreditSource.Package } || last < today || await db.Outbox.AnyAsync(m => m.Key == key, cancellationToken))
            {
                return false;
            }

            var client = await db.Clients.AsNoTracking().Where(c => c.Id == lot.ClientId && c.Email != null)
                .Select(c => new { c.FirstName, c.Email }).SingleOrDefaultAsync(cancellationToken);
            if (client is null)
            {
                return false;
            }

            var settings = clinic.Value;
            var until = last.ToString("dddd d MMMM yyyy", settings.CultureInfo);
            var lines = new[]
            {
                $"Your {lot.Left} {(lot.Left == 1 ? "session" : "sessions")} left of {lot.Version.Name} can be used until {until}. After that day they expire.",
                "Book your next visit:",
            };
            var book = links.Action("Index", "Home");
            var walletLink = links.Action("Index", "MyWallet");
            var text = $"Hello {client.FirstName},\n\n{string.Join("\n\n", lines)} {book}\n\nYour wallet: {walletLink}\n\n{settings.Name}\n";
            var html = string.Create(CultureInfo.InvariantCulture,
                $"<p>Hello {E(client.FirstName)},</p>{string.Concat(lines.Select(l => $"<p>{E(l)}</p>"))}<p><a href=\"{E(book)}\">Book a visit</a> · <a href=\"{E(walletLink)}\">My wallet</a></p>");
            outbox.Add(key, "credits-expiring", new EmailMessage(client.Email!, $"{settings.Name}: your {lot.Version.Name} credits end on {until}", text, html));
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        private static string E(string value) => WebUtility.HtmlEncode(value);
    }
}
