using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.GiftCardSales;

/// <summary>
/// What an online gift card order came to, for the page Stripe sends the buyer back to: waiting for Stripe's confirmation, or
/// paid with the card's last four and the day it is emailed. No name or address is shown (anyone with the link sees it).
/// </summary>
public static class GiftCardOrderStatus
{
    public sealed record Result(decimal Amount, DateOnly SendOn, bool Paid, string? LastFour, bool Sent);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public Task<Result?> HandleAsync(Guid orderId, CancellationToken cancellationToken) =>
            db.GiftCardOrders.AsNoTracking().Where(o => o.Id == orderId)
                .Select(o => new Result(o.Amount, o.SendOn, o.GiftCardId != null,
                    db.GiftCards.Where(c => c.Id == o.GiftCardId).Select(c => c.LastFour).FirstOrDefault(), o.SentAt != null))
                .SingleOrDefaultAsync(cancellationToken);
    }
}
