using MicroSpa.Data.Billing;
using MicroSpa.Domain.Wallet;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A client's wallet as My wallet and the desk's profile show it (issue 19): the credits per package with their expiry
/// (<see cref="WalletCredits"/>) and a receipt line for every wallet entry (bought, used, given back, refunded, voided, expired),
/// newest first. Nothing is stored for it: each line is one insert-only entry, each balance a sum of them.
/// </summary>
public static class WalletReceipts
{
    public sealed record Line(DateOnly Day, long Sequence, string Package, string What, int Sessions, decimal Amount);

    public sealed record Summary(IReadOnlyList<WalletCredits.Lot> Credits, IReadOnlyList<Line> Receipts);

    public sealed class Handler(WalletCredits.Handler credits, Wallet wallet)
    {
        public async Task<Summary> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var lots = await wallet.ForClientAsync(clientId, cancellationToken);
            var lines = lots.SelectMany(l => l.Entries.Select(e => new Line(e.ClinicDay, e.Sequence, l.Version.Name, Words(e.Kind), e.Sessions, e.Amount)))
                .OrderByDescending(l => l.Sequence).ToList();
            return new Summary(await credits.ForClientAsync(clientId, cancellationToken), lines);
        }

        private static string Words(WalletEntryKind kind) => kind switch
        {
            WalletEntryKind.Issued => "Bought",
            WalletEntryKind.Redeemed => "Session used",
            WalletEntryKind.Returned => "Session given back",
            WalletEntryKind.Refunded => "Unused credits refunded",
            WalletEntryKind.Revoked => "Sale voided",
            WalletEntryKind.Expired => "Credits expired",
            _ => kind.ToString(),
        };
    }
}
