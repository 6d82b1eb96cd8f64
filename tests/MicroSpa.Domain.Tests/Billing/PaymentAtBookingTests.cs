using CsCheck;
using MicroSpa.Domain.Billing;

namespace MicroSpa.Domain.Tests.Billing;

/// <summary>What booking a service asks of a client: nothing, a deposit or a card on file, and why.</summary>
public sealed class PaymentAtBookingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly Money Price = new(250m, "USD");

    private static string Dollars(Money money) => "$" + money.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static PaymentRules Rules(
        bool waive = false, int months = 12, bool afterNoShow = false, int lateCancellations = 0, Safeguard safeguard = Safeguard.CardOnFile,
        Charge noShowFee = default) =>
        new(waive, months, afterNoShow, lateCancellations, safeguard, Charge.Nothing, noShowFee);

    private static BookingRequirement Decide(Charge deposit, PaymentRules rules, params PastVisit[] history) =>
        PaymentAtBooking.Decide(deposit, Price, history, rules, Now, Dollars);

    private static PastVisit Kept(int daysAgo) => new(VisitOutcome.Kept, Now.AddDays(-daysAgo));
    private static PastVisit NoShow(int daysAgo) => new(VisitOutcome.NoShow, Now.AddDays(-daysAgo));
    private static PastVisit Late(int daysAgo) => new(VisitOutcome.LateCancellation, Now.AddDays(-daysAgo));

    [Fact]
    public void A_service_without_a_deposit_asks_for_nothing()
    {
        var requirement = Decide(Charge.Nothing, Rules());

        requirement.Due.ShouldBe(PaymentDue.Nothing);
        requirement.Reason.ShouldBe("This service takes no deposit.");
        requirement.Summary.ShouldBe("Nothing is charged when you book.");
    }

    [Fact]
    public void A_fixed_deposit_is_taken_and_said_in_plain_words()
    {
        var requirement = Decide(Charge.Create(ChargeKind.Fixed, 50m, "deposit"), Rules());

        requirement.Due.ShouldBe(PaymentDue.Deposit);
        requirement.Amount.ShouldBe(new Money(50m, "USD"));
        requirement.Reason.ShouldBe("This service takes a deposit of $50.00.");
        requirement.Summary.ShouldBe("A deposit of $50.00 is taken when you book; it counts toward your visit.");
    }

    [Fact]
    public void A_percent_deposit_is_rounded_half_away_from_zero_to_the_cent()
    {
        var requirement = PaymentAtBooking.Decide(Charge.Create(ChargeKind.Percent, 12.5m, "deposit"), new Money(0.99m, "USD"), [], Rules(), Now, Dollars);

        requirement.Amount.Amount.ShouldBe(0.12m); // 0.12375
        PaymentAtBooking.Decide(Charge.Create(ChargeKind.Percent, 10m, "deposit"), new Money(0.25m, "USD"), [], Rules(), Now, Dollars)
            .Amount.Amount.ShouldBe(0.03m); // 0.025
        Decide(Charge.Create(ChargeKind.Percent, 20m, "deposit"), Rules()).Reason.ShouldBe("This service takes a deposit of 20 % of $250.00.");
    }

    [Fact]
    public void A_fixed_deposit_above_the_price_is_the_price()
    {
        var requirement = PaymentAtBooking.Decide(Charge.Create(ChargeKind.Fixed, 80m, "deposit"), new Money(60m, "USD"), [], Rules(), Now, Dollars);

        requirement.Amount.Amount.ShouldBe(60m);
        requirement.Reason.ShouldBe("This service takes a deposit of $60.00, its price.");
    }

    [Fact]
    public void A_free_service_asks_for_nothing_even_with_a_percent_deposit() =>
        PaymentAtBooking.Decide(Charge.Create(ChargeKind.Percent, 50m, "deposit"), new Money(0m, "USD"), [], Rules(), Now, Dollars)
            .Due.ShouldBe(PaymentDue.Nothing);

    [Fact]
    public void A_clean_record_waives_the_deposit_when_the_clinic_says_so()
    {
        var deposit = Charge.Create(ChargeKind.Fixed, 50m, "deposit");

        var waived = Decide(deposit, Rules(waive: true), Kept(30), NoShow(400));

        waived.Due.ShouldBe(PaymentDue.Nothing);
        waived.Reason.ShouldBe("A clean record (visits kept, no no-show and no late cancellation in the last 12 months): the deposit of $50.00 is waived.");
        Decide(deposit, Rules(waive: false), Kept(30)).Due.ShouldBe(PaymentDue.Deposit);
    }

    [Fact]
    public void A_new_client_has_no_record_to_waive_the_deposit_for() =>
        Decide(Charge.Create(ChargeKind.Fixed, 50m, "deposit"), Rules(waive: true)).Due.ShouldBe(PaymentDue.Deposit);

    [Fact]
    public void A_late_cancellation_within_the_months_spoils_a_clean_record() =>
        Decide(Charge.Create(ChargeKind.Fixed, 50m, "deposit"), Rules(waive: true, lateCancellations: 3), Kept(30), Late(60))
            .Due.ShouldBe(PaymentDue.Deposit);

    [Fact]
    public void A_no_show_calls_for_a_card_on_file_on_a_service_without_a_deposit()
    {
        var requirement = Decide(Charge.Nothing, Rules(afterNoShow: true), Kept(100), NoShow(20));

        requirement.Due.ShouldBe(PaymentDue.CardOnFile);
        requirement.Amount.Amount.ShouldBe(0m);
        requirement.Reason.ShouldBe("A no-show in the last 12 months: a card is saved.");
        requirement.Summary.ShouldBe("Your card is saved, nothing is charged today.");
    }

    [Fact]
    public void A_no_show_older_than_the_months_no_longer_counts() =>
        Decide(Charge.Nothing, Rules(afterNoShow: true, months: 6), NoShow(200)).Due.ShouldBe(PaymentDue.Nothing);

    [Fact]
    public void Repeated_late_cancellations_call_for_the_deposit_when_the_clinic_chose_a_deposit()
    {
        var deposit = Charge.Create(ChargeKind.Percent, 20m, "deposit");
        var rules = Rules(waive: true, lateCancellations: 2, safeguard: Safeguard.Deposit);

        var once = Decide(deposit, rules, Kept(10), Late(40));
        var twice = Decide(deposit, rules, Kept(10), Late(40), Late(90));

        once.Due.ShouldBe(PaymentDue.Deposit, "one late cancellation is not a clean record, so the service's deposit applies");
        once.Reason.ShouldBe("This service takes a deposit of 20 % of $250.00.");
        twice.Due.ShouldBe(PaymentDue.Deposit);
        twice.Amount.Amount.ShouldBe(50m);
        twice.Reason.ShouldBe("2 late cancellations in the last 12 months (the clinic asks from 2): a deposit of $50.00 is required.");
    }

    [Fact]
    public void A_required_deposit_on_a_service_that_takes_none_is_the_no_show_fee()
    {
        var requirement = Decide(Charge.Nothing, Rules(afterNoShow: true, safeguard: Safeguard.Deposit, noShowFee: Charge.Create(ChargeKind.Percent, 30m, "fee")), NoShow(5));

        requirement.Due.ShouldBe(PaymentDue.Deposit);
        requirement.Amount.Amount.ShouldBe(75m);
        requirement.Reason.ShouldBe("A no-show in the last 12 months: a deposit of the no-show fee of $75.00 is required.");
    }

    [Fact]
    public void A_required_deposit_without_a_service_deposit_or_a_no_show_fee_saves_a_card_instead() =>
        Decide(Charge.Nothing, Rules(afterNoShow: true, safeguard: Safeguard.Deposit), NoShow(5)).Reason
            .ShouldBe("A no-show in the last 12 months: this service takes no deposit and the clinic has no no-show fee, so a card is saved instead.");

    [Fact]
    public void A_card_on_file_rule_keeps_the_services_own_deposit() =>
        Decide(Charge.Create(ChargeKind.Fixed, 40m, "deposit"), Rules(afterNoShow: true), NoShow(5)).Reason
            .ShouldBe("A no-show in the last 12 months: a deposit of $40.00 is required.");

    [Fact]
    public void A_record_that_calls_for_the_safeguard_is_never_waived() =>
        Decide(Charge.Create(ChargeKind.Fixed, 50m, "deposit"), Rules(waive: true, afterNoShow: true, safeguard: Safeguard.Deposit), Kept(3), NoShow(30))
            .Due.ShouldBe(PaymentDue.Deposit);

    [Theory]
    [InlineData(ChargeKind.Fixed, null, "Enter the amount.")]
    [InlineData(ChargeKind.Fixed, "0", "Enter an amount above zero.")]
    [InlineData(ChargeKind.Fixed, "10.005", "Enter the amount in whole cents (at most two decimals).")]
    [InlineData(ChargeKind.Percent, "0", Charge.PercentMessage)]
    [InlineData(ChargeKind.Percent, "100.5", Charge.PercentMessage)]
    [InlineData(ChargeKind.Percent, "12.345", Charge.PercentMessage)]
    [InlineData(ChargeKind.Percent, null, "Enter the percent of the price.")]
    public void Refuses_a_deposit_or_fee_that_cannot_be(ChargeKind kind, string? value, string message)
    {
        decimal? parsed = value is null ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var refused = Should.Throw<DomainException>(() => Charge.Create(kind, parsed, "DepositValue"));

        refused.Message.ShouldBe(message);
        refused.Field.ShouldBe("DepositValue");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(37, 0)]
    [InlineData(12, -1)]
    [InlineData(12, 21)]
    public void Refuses_rules_out_of_range(int months, int lateCancellations) =>
        Should.Throw<DomainException>(() => Rules(months: months, lateCancellations: lateCancellations));

    private static readonly Gen<PastVisit> Visit =
        Gen.Select(Gen.Enum<VisitOutcome>(), Gen.Int[-800, 30], (outcome, daysAgo) => new PastVisit(outcome, Now.AddDays(-daysAgo)));

    private static readonly Gen<Charge> AnyDeposit = Gen.OneOf(
        Gen.Const(Charge.Nothing),
        Gen.Int[1, 1_000_000].Select(cents => Charge.Create(ChargeKind.Fixed, cents / 100m, "deposit")),
        Gen.Int[1, 10_000].Select(hundredths => Charge.Create(ChargeKind.Percent, hundredths / 100m, "deposit")));

    private static readonly Gen<PaymentRules> AnyRules =
        Gen.Select(Gen.Bool, Gen.Int[1, PaymentRules.MaxRecordMonths], Gen.Bool, Gen.Int[0, 4], Gen.Enum<Safeguard>(), AnyDeposit,
            (waive, months, afterNoShow, late, safeguard, fee) => Rules(waive, months, afterNoShow, late, safeguard, fee));

    [Fact]
    public void A_deposit_is_whole_cents_above_zero_and_never_more_than_the_price() =>
        Gen.Select(AnyDeposit, Gen.Int[0, 10_000_000], AnyRules, Visit.Array[0, 8]).Sample((deposit, priceCents, rules, history) =>
        {
            var price = new Money(priceCents / 100m, "USD");
            var requirement = PaymentAtBooking.Decide(deposit, price, history, rules, Now, Dollars);
            return requirement.Due switch
            {
                PaymentDue.Deposit => requirement.Amount.Amount > 0m && requirement.Amount <= price && Money.Round(requirement.Amount.Amount) == requirement.Amount.Amount
                    && requirement.Summary.Contains(Dollars(requirement.Amount), StringComparison.Ordinal),
                _ => requirement.Amount.Amount == 0m,
            } && requirement.Reason.Length > 0;
        });

    [Fact]
    public void Visits_outside_the_months_or_in_the_future_change_nothing() =>
        Gen.Select(AnyDeposit, AnyRules, Visit.Array[0, 6], Gen.Int[1, 400]).Sample((deposit, rules, history, extraDays) =>
        {
            var inWindow = history.Where(v => v.At > Now.AddMonths(-rules.RecordMonths) && v.At <= Now).ToArray();
            var outside = new PastVisit(VisitOutcome.NoShow, Now.AddMonths(-rules.RecordMonths).AddDays(-extraDays));
            var future = new PastVisit(VisitOutcome.LateCancellation, Now.AddDays(extraDays));
            var plain = PaymentAtBooking.Decide(deposit, Price, inWindow, rules, Now, Dollars);
            var noisy = PaymentAtBooking.Decide(deposit, Price, [.. inWindow, outside, future], rules, Now, Dollars);
            return plain == noisy;
        });

    [Fact]
    public void More_misses_never_ask_for_less() =>
        Gen.Select(AnyDeposit, AnyRules, Visit.Array[0, 6], Gen.Int[0, 300]).Sample((deposit, rules, history, daysAgo) =>
        {
            var before = PaymentAtBooking.Decide(deposit, Price, history, rules, Now, Dollars);
            var after = PaymentAtBooking.Decide(deposit, Price, [.. history, NoShow(daysAgo % 28)], rules, Now, Dollars);
            return Strength(after) >= Strength(before);
        });

    // A deposit also saves the card, so it asks for more than a card on file alone.
    private static int Strength(BookingRequirement requirement) => requirement.Due switch
    {
        PaymentDue.Deposit => 2,
        PaymentDue.CardOnFile => 1,
        _ => 0,
    };
}
