using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A client's gift cards (decision 048), for My wallet and the desk's client profile alike: the cards they bought (at the desk or
/// online: for whom, sent or scheduled) and the cards they received (an online card emailed to their address), each with its
/// last four and what is left, summed from the card's entries.
/// </summary>
public static class WalletGiftCards
{
    public sealed record Card(Guid Id, string LastFour, decimal Value, decimal Left, DateOnly? ExpiresOn, bool Expired, string? RecipientName, DateOnly? SendOn, bool Sent);

    public sealed record Summary(IReadOnlyList<Card> Bought, IReadOnlyList<Card> Received);

    public sealed class Handler(MicroSpaDbContext db, GiftCards cards, ClinicTimeZone zone, TimeProvider clock)
    {
        public async Task<Summary> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var today = zone.Today(clock.GetUtcNow());
            var bought = await cards.BoughtByAsync(clientId, cancellationToken);
            var email = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Email).SingleOrDefaultAsync(cancellationToken);

            // A card is the recipient's once it was emailed: before its send date it is the buyer's surprise.
            var received = email is { Length: > 0 } ? await cards.ReceivedByAsync(email, cancellationToken) : [];
            var ids = bought.Select(b => b.Card.Id).Concat(received.Select(r => r.Card.Id)).ToList();
            var orders = await db.GiftCardOrders.AsNoTracking().Where(o => o.GiftCardId != null && ids.Contains(o.GiftCardId.Value))
                .Select(o => new { Id = o.GiftCardId!.Value, o.RecipientName, o.SendOn, Sent = o.SentAt != null })
                .ToDictionaryAsync(o => o.Id, cancellationToken);
            Card Of(Domain.Wallet.GiftCardBalance b)
            {
                var expired = b.ExpiredOn(today);
                var order = orders.GetValueOrDefault(b.Card.Id);
                return new Card(b.Card.Id, b.Card.LastFour, b.Value, expired ? 0m : Math.Max(0m, b.Left), b.Card.ExpiresOn, expired,
                    order?.RecipientName, order?.SendOn, order?.Sent ?? false);
            }

            return new Summary([.. bought.Select(Of)], [.. received.Select(Of)]);
        }
    }
}

/// <summary>The gift cards' section of a wallet page (My wallet, the desk's client profile): the client's, or the signed-in client's when none is named.</summary>
[ViewComponent(Name = "WalletGiftCards")]
public sealed class WalletGiftCardsViewComponent(WalletGiftCards.Handler handler, Infrastructure.CurrentClient currentClient) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? clientId)
    {
        var id = clientId ?? await currentClient.IdAsync(HttpContext.RequestAborted);
        var summary = id is { } client ? await handler.ForClientAsync(client, HttpContext.RequestAborted) : new WalletGiftCards.Summary([], []);
        return View("/Features/Shared/Views/_WalletGiftCards.cshtml", summary);
    }
}
