using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;

namespace MicroSpa.Web.Features.MyWallet;

/// <summary>The signed-in client's wallet (<see cref="WalletReceipts"/>): what the desk sees on their profile, read from the same entries.</summary>
public static class MyWalletPage
{
    public sealed class Handler(CurrentClient currentClient, WalletReceipts.Handler wallet)
    {
        public async Task<WalletReceipts.Summary> HandleAsync(CancellationToken cancellationToken) =>
            await currentClient.IdAsync(cancellationToken) is { } clientId ? await wallet.ForClientAsync(clientId, cancellationToken) : new([], []);
    }
}
