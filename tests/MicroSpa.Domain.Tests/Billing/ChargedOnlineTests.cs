using MicroSpa.Domain.Billing;

namespace MicroSpa.Domain.Tests.Billing;

public sealed class ChargedOnlineTests
{
    [Theory]
    [InlineData(Tender.Card, "pi_3Nabc", true)]
    [InlineData(Tender.Card, null, false)]
    [InlineData(Tender.Card, "", false)]
    [InlineData(Tender.Card, "pi_", false)]
    [InlineData(Tender.Card, "PI_3Nabc", false)]
    [InlineData(Tender.Card, "ch_3Nabc", false)]
    [InlineData(Tender.Deposit, "pi_3Nabc", false)]
    [InlineData(Tender.Cash, "pi_3Nabc", false)]
    [InlineData(Tender.GiftCard, "pi_3Nabc", false)]
    public void A_card_charged_online_is_the_card_tender_with_a_payment_intent_as_reference(Tender tender, string? reference, bool expected) =>
        ChargedOnline.IsCard(tender, reference).ShouldBe(expected);

    [Theory]
    [InlineData(Tender.Deposit, "pi_3Nabc", true)]
    [InlineData(Tender.Card, "pi_3Nabc", true)]
    [InlineData(Tender.Deposit, "GIFT-1", false)]
    [InlineData(Tender.PackageCredit, "pi_3Nabc", false)]
    public void A_payment_the_provider_took_is_a_deposit_used_or_a_card_it_charged(Tender tender, string reference, bool expected) =>
        ChargedOnline.IsProviderPayment(tender, reference).ShouldBe(expected);

    [Fact]
    public void A_fee_charged_online_is_one_and_a_card_on_the_terminal_is_not()
    {
        var fee = BillingData.IssuedWalkIn(quantity: 1, price: 40m, rate: 0m);
        var online = fee.TakeProviderCard(20m, "visa", "4242", "pi_3Nfee", Guid.NewGuid(), BillingData.Today, BillingData.Desk, TestData.Now);
        var terminal = fee.TakeCard(20m, CardDetails.Require("Visa", "4242", "A1B2"), Guid.NewGuid(), BillingData.Today, BillingData.Desk, TestData.Now);

        (online.IsCardChargedOnline, online.PaymentIntentId).ShouldBe((true, "pi_3Nfee"));
        (terminal.IsCardChargedOnline, terminal.PaymentIntentId).ShouldBe((false, null));
    }
}
