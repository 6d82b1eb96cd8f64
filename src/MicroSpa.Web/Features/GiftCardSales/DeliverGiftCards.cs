using System.Net;
using System.Security.Cryptography;
using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.GiftCardSales;

/// <summary>
/// The gift cards' background round (decision 048), on any number of instances at once:
/// each card bought online is emailed to its recipient on its send date (the clinic's day), once: under the order's row lock,
/// read again there, the sealed code is opened, put in the email (whose body the outbox forgets once sent) and erased from
/// the order in the same transaction, and the outbox's unique key is the order's. A card past its last day gets one Expired
/// entry for what is left (under the card's lock, read again there, and a unique index on one Expired entry per card).
/// </summary>
public static class DeliverGiftCards
{
    public sealed record Result(int Sent, int Expired);

    public static string EmailKey(Guid orderId) => $"gift-card:{orderId}";

    public sealed class Handler(
        MicroSpaDbContext db, GiftCards cards, OutboxQueue outbox, IDataProtectionProvider protection, IOptions<ClinicOptions> clinic, ClinicMoney money,
        PublicLinks links, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> RunAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = zone.Today(now);
            var sent = 0;
            foreach (var orderId in await db.GiftCardOrders.AsNoTracking().Where(o => o.SealedCode != null && o.SendOn <= today)
                .OrderBy(o => o.SendOn).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken))
            {
                try
                {
                    sent += await db.InTransactionAsync(token => SendAsync(orderId, today, now, token), null, cancellationToken) ? 1 : 0;
                }
                catch (CryptographicException ex)
                {
                    // A sealed code that no longer opens (the data protection keys lost or revoked) must not hold up every card
                    // due after it, nor the expiry below: it stays sealed, is tried again next round, and is logged by id alone.
                    db.ChangeTracker.Clear();
                    logger.LogError("Gift card order {OrderId}: its sealed code could not be opened ({Error}); the other cards go on", orderId, ex.GetType().Name);
                }
            }

            var expired = 0;
            foreach (var cardId in await cards.ExpiredUnwrittenAsync(today, cancellationToken))
            {
                expired += await db.InTransactionAsync(
                    async token =>
                    {
                        var user = await OnlineShopUser.EnsureAsync(db, now, token);
                        if (await cards.ExpireAsync(cardId, today, user, now, token) is null)
                        {
                            return false;
                        }

                        await db.SaveChangesAsync(token);
                        return true;
                    },
                    null,
                    cancellationToken) ? 1 : 0;
            }

            if (sent + expired > 0)
            {
                logger.LogInformation("Gift card round: {Sent} cards emailed to their recipients, {Expired} expired", sent, expired);
            }

            return new Result(sent, expired);
        }

        private async Task<bool> SendAsync(Guid orderId, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM gift_card_orders WHERE id = {orderId} FOR UPDATE", cancellationToken);
            var order = await db.GiftCardOrders.SingleAsync(o => o.Id == orderId, cancellationToken);
            await db.Entry(order).ReloadAsync(cancellationToken);
            var key = EmailKey(orderId);
            if (order.SealedCode is not { } sealedCode || order.SendOn > today || await db.Outbox.AnyAsync(m => m.Key == key, cancellationToken))
            {
                return false;
            }

            var code = protection.CreateProtector(RecordGiftCardPayment.SealPurpose).Unprotect(sealedCode);
            var expiresOn = await db.GiftCards.AsNoTracking().Where(c => c.Id == order.GiftCardId).Select(c => c.ExpiresOn).SingleAsync(cancellationToken);
            var name = clinic.Value.Name;
            var balance = links.Action("Index", "GiftCardBalance");
            var lines = new List<string>
            {
                $"{order.BuyerName} sent you a gift card of {money.Format(order.Amount)} for {name}.",
            };
            var intro = lines.Count;
            lines.Add($"Your gift card code: {code}");
            lines.Add("Show this code at the desk to pay for a visit or products; it can be used in part, what is left stays on the card.");
            lines.Add(expiresOn is { } last ? $"It can be used until {last.ToString("D", money.Culture)}." : "It does not expire.");
            lines.Add($"Check what is left on it at {balance}");
            var message = order.Message is { Length: > 0 } words ? $"\n\n“{words}”" : string.Empty;
            var text = $"Hello {order.RecipientName},\n\n{lines[0]}{message}\n\n{string.Join("\n\n", lines.Skip(intro))}\n\n{name}\n";
            var html = $"<p>Hello {WebUtility.HtmlEncode(order.RecipientName)},</p><p>{WebUtility.HtmlEncode(lines[0])}</p>"
                       + (order.Message is { Length: > 0 } said ? $"<blockquote>{WebUtility.HtmlEncode(said)}</blockquote>" : string.Empty)
                       + string.Concat(lines.Skip(intro).Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>")) + $"<p>{WebUtility.HtmlEncode(name)}</p>";
            outbox.Add(key, "gift-card", new EmailMessage(order.RecipientEmail, $"{name}: a gift card for you", text, html)).HoldsSecret();
            order.Delivered(now);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Gift card order {OrderId} emailed to its recipient", orderId);
            return true;
        }
    }
}
