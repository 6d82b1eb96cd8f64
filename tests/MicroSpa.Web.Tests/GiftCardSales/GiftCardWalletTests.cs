using System.Net;
using System.Text.RegularExpressions;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.GiftCardSales;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.GiftCardSales;

/// <summary>
/// My wallet's gift cards (issue 19, decision 048): client A buys a card online for client B; A's wallet shows it bought (for whom,
/// sent), B's shows it received once emailed, with its last four and what is left, and the desk sees the same on B's profile.
/// </summary>
public sealed partial class GiftCardWalletTests(WebAppFixture fixture) : WebTest(fixture)
{
    [GeneratedRegex(@"Your gift card code: (\S+)")]
    private static partial Regex CodeLine();

    [Fact]
    public async Task A_card_client_A_buys_for_client_B_is_bought_in_As_wallet_and_received_with_its_balance_in_Bs_and_on_Bs_profile()
    {
        await TestClinic.CreateAsync(Database);
        var (a, clientA) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Ana", "Buyer");
        var (b, clientB) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Bea", "Friend");
        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
        var form = await a.GetAsync("/gift-cards/buy");
        form.Document.QuerySelector("input[name='Command.BuyerEmail']")!.GetAttribute("value").ShouldBe(clientA.Email);
        var fields = GiftCardShopTests.Order(today);
        fields["Command.BuyerEmail"] = clientA.Email!;
        fields["Command.RecipientEmail"] = clientB.Email!.ToUpperInvariant();
        var opened = await a.SubmitAsync(form, fields, "/gift-cards/buy");
        opened.Status.ShouldBe(HttpStatusCode.Redirect, opened.Summary);
        await StripeFlows.PayOnHostedPageAsync(opened.Location!, "4242 4242 4242 4242", "12 / 34");
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = Database.CreateContext();
            if (await db.GiftCards.AnyAsync())
            {
                break;
            }

            await Task.Delay(100);
        }

        (await b.GetAsync("/my/wallet")).Document.QuerySelector("#gift-cards-received").ShouldBeNull("not B's before it is emailed");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<DeliverGiftCards.Handler>().RunAsync(CancellationToken.None)).Sent.ShouldBe(1);
        }

        var code = CodeLine().Match((await App.EmailsToAsync(clientB.Email!)).ShouldHaveSingleItem().TextBody).Groups[1].Value;
        var lastFour = code[^4..];

        var walletA = await a.GetAsync("/my/wallet");
        walletA.Status.ShouldBe(HttpStatusCode.OK);
        walletA.Document.QuerySelector("#gift-cards-bought")!.TextContent.ShouldContain($"Gift card ending {lastFour} of $120.00 for Bea <b>Friend</b>:");
        walletA.Document.QuerySelector("#gift-cards-received").ShouldBeNull();

        var walletB = await b.GetAsync("/my/wallet");
        var received = walletB.Document.QuerySelector($"#gift-cards-received li[data-last-four='{lastFour}']")!;
        received.QuerySelector(".gift-card-left")!.TextContent.ShouldBe("$120.00");

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var profile = await desk.GetAsync($"/front-desk/clients/{clientB.Id}");
        profile.Status.ShouldBe(HttpStatusCode.OK);
        profile.Document.QuerySelector($"#gift-cards-received li[data-last-four='{lastFour}'] .gift-card-left")!.TextContent.ShouldBe("$120.00");
    }

    [Fact]
    public async Task A_recipients_address_is_matched_in_any_case_through_an_index_not_by_reading_every_order()
    {
        await using var db = Database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var off = connection.CreateCommand())
        {
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN SELECT gift_card_id FROM gift_card_orders WHERE sent_at IS NOT NULL AND gift_card_id IS NOT NULL AND lower(recipient_email) = 'bea@example.com'";
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        string.Join('\n', plan).ShouldContain("ix_gift_card_orders_recipient_email_lower");
    }
}
