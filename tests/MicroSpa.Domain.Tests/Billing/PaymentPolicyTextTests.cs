using MicroSpa.Domain.Billing;

namespace MicroSpa.Domain.Tests.Billing;

public sealed class PaymentPolicyTextTests
{
    private static readonly PaymentPolicyText Version1 = new(1, PaymentPolicyText.Version1Body, DateTimeOffset.UnixEpoch);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    private static string Dollars(Money money) => "$" + money.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_revision_is_the_next_version_with_who_and_when_and_leaves_the_old_one_as_it_was()
    {
        var admin = Guid.NewGuid();

        var next = Version1.Revise("  Cancel {cancellation_cutoff} ahead.\r\nNo-shows pay {no_show_fee}. ", admin, "admin@clinic.test", Now);

        next.Version.ShouldBe(2);
        next.Body.ShouldBe("Cancel {cancellation_cutoff} ahead.\nNo-shows pay {no_show_fee}.");
        next.PublishedByUserId.ShouldBe(admin);
        next.PublishedByName.ShouldBe("admin@clinic.test");
        next.PublishedAt.ShouldBe(Now);
        Version1.Body.ShouldBe(PaymentPolicyText.Version1Body);
    }

    [Fact]
    public void Refuses_an_empty_text_the_same_text_and_an_unknown_placeholder()
    {
        Should.Throw<DomainException>(() => Version1.Revise(" ", Guid.NewGuid(), "a", Now)).Field.ShouldBe("Body");
        Should.Throw<DomainException>(() => Version1.Revise(PaymentPolicyText.Version1Body, Guid.NewGuid(), "a", Now))
            .Message.ShouldBe("This is the text of version 1: change it to publish a new version.");
        Should.Throw<DomainException>(() => Version1.Revise("Pay {deposit_fee}.", Guid.NewGuid(), "a", Now))
            .Message.ShouldStartWith("{deposit_fee} is not a placeholder MicroSpa fills: use {cancellation_cutoff}, {cancellation_fee}, {no_show_fee}");
    }

    [Fact]
    public void The_placeholders_become_the_clinics_cutoff_and_fees_in_words()
    {
        var rules = new PaymentRules(false, 12, false, 0, Safeguard.CardOnFile,
            Charge.Create(ChargeKind.Fixed, 40m, "fee"), Charge.Create(ChargeKind.Percent, 50m, "fee"));

        var text = Version1.Fill(PaymentPolicyText.Values(rules, 24, Dollars, "USD"));

        text.ShouldStartWith("You may cancel or move your appointment up to 24 hours before it starts at no charge. "
            + "A later cancellation costs $40.00; missing your appointment without telling us costs 50 % of the service's price.");
        Version1.Fill(PaymentPolicyText.Values(PaymentRules.Default, 1, Dollars, "USD")).ShouldContain("up to 1 hour before it starts");
        Version1.Fill(PaymentPolicyText.Values(PaymentRules.Default, 1, Dollars, "USD")).ShouldContain("A later cancellation costs nothing;");
    }
}
