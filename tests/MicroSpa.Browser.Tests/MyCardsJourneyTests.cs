using System.Text.RegularExpressions;
using MicroSpa.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>Cards on file on a phone (issue 18): from My appointments to My cards, a card saved on the hosted setup page, a second added, one removed after the confirmation.</summary>
public sealed partial class MyCardsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_client_sees_adds_and_removes_saved_cards_from_my_appointments()
    {
        var (page, _, _) = await PaymentJourneys.SignedInClientAsync(Fixture, "Ines", "Moro");
        await page.GotoAsync("/my/appointments");
        await page.Locator("#my-cards-link").ClickAsync();
        await page.WaitForURLAsync("**/my/cards");
        await page.Locator("#no-cards").WaitForAsync();
        (await page.Locator("#not-a-prepayment").InnerTextAsync()).ShouldStartWith("A saved card is not a prepayment");
        await page.AssertNoSeriousViolationsAsync();

        await AddCardAsync(page, "4242 4242 4242 4242");
        (await page.Locator("#my-cards .my-card p").First.InnerTextAsync()).ShouldBe("Visa ending in 4242 · expires 12/2034");
        await page.AssertNoSeriousViolationsAsync();

        await AddCardAsync(page, "5555 5555 5555 4444");
        await page.Locator("#my-cards .my-card").Nth(1).WaitForAsync();
        var cards = (await page.Locator("#my-cards .my-card p").AllInnerTextsAsync()).Order().ToList();
        cards.ShouldBe(["Mastercard ending in 4444 · expires 12/2034", "Visa ending in 4242 · expires 12/2034"]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove Visa ending in 4242" }).ClickAsync();
        await page.WaitForURLAsync("**/remove");
        (await page.Locator("#card-to-remove").InnerTextAsync()).ShouldBe("Visa ending in 4242, expires 12/2034.");
        await page.AssertNoSeriousViolationsAsync();
        await page.Locator("#confirm-remove").ClickAsync();
        await page.WaitForURLAsync("**/my/cards");
        (await page.Locator("#my-cards .my-card p").AllInnerTextsAsync()).ShouldBe(["Mastercard ending in 4444 · expires 12/2034"]);
        await page.AssertNoSeriousViolationsAsync();
    }

    private static async Task AddCardAsync(IPage page, string card)
    {
        await page.Locator("#add-card").ClickAsync();
        await page.WaitForURLAsync(HostedPage());
        (await page.Locator("#what").InnerTextAsync()).ShouldBe("Save a card for later payments");
        await PaymentJourneys.PayAsync(page, card, "Save card");
        await page.WaitForURLAsync("**/my/cards");
        await page.GetByText("Your card is saved, nothing is charged today.").WaitForAsync();
    }

    [GeneratedRegex("/pay/cs_")]
    private static partial Regex HostedPage();
}
