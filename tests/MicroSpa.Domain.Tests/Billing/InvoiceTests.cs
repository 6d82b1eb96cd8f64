using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using static MicroSpa.Domain.Tests.Billing.BillingData;

namespace MicroSpa.Domain.Tests.Billing;

public sealed class InvoiceTests
{
    private static Appointment CompletedVisit()
    {
        var appointment = TestData.Booked(TestData.Now.AddMinutes(1));
        appointment.CheckIn(TestData.Now, TestData.By);
        appointment.StartTreatment(TestData.OpenGate(appointment), TestData.Now, TestData.By);
        appointment.Complete(TestData.Now.AddHours(1), TestData.By);
        return appointment;
    }

    [Fact]
    public void A_visit_is_charged_the_price_it_was_booked_at_whatever_the_menu_says_later()
    {
        var appointment = CompletedVisit();
        appointment.Service!.Reprice(420m);

        var invoice = Invoice.ForVisit(appointment, appointment.Service.Name, ServicesTax(), "USD", Desk, TestData.Now);

        appointment.PriceAtBooking.ShouldBe(350m);
        invoice.Lines.Single().UnitPrice.ShouldBe(350m);
        invoice.Lines.Single().ProviderId.ShouldBe(appointment.ProviderId);
        invoice.State.ShouldBe(InvoiceState.Draft);
    }

    [Fact]
    public void Only_a_visit_in_treatment_or_completed_is_checked_out()
    {
        var booked = TestData.Booked();
        Should.Throw<DomainException>(() => Invoice.ForVisit(booked, "Face", ServicesTax(), "USD", Desk, TestData.Now))
            .Field.ShouldBe(nameof(Invoice.AppointmentId));
    }

    [Theory]
    // price, quantity, rate, tax: the tax of the line kind's sum, rounded once
    [InlineData("24.99", 2, "8.875", "4.44")]
    [InlineData("0.10", 3, "5", "0.02")]
    [InlineData("19.99", 1, "7.25", "1.45")]
    [InlineData("10.00", 1, "0", "0")]
    public void Tax_is_computed_on_the_sum_of_a_tax_class_and_rounded_once(string price, int quantity, string rate, string tax)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        var serum = Serum(decimal.Parse(price, inv));
        invoice.AddRetail(serum, quantity, RetailTax(decimal.Parse(rate, inv)), null);
        invoice.AddRetail(new RetailItem("SPF-50", "Sunscreen", 0m), 1, RetailTax(decimal.Parse(rate, inv)), null);

        invoice.Taxes.Single().Tax.ShouldBe(decimal.Parse(tax, inv));
        invoice.LinesTotal.ShouldBe((decimal.Parse(price, inv) * quantity) + decimal.Parse(tax, inv));
    }

    [Fact]
    public void Services_and_retail_are_taxed_at_their_own_rates_and_tips_not_at_all()
    {
        var appointment = CompletedVisit();
        var invoice = Invoice.ForVisit(appointment, "Face", ServicesTax(2.5m), "USD", Desk, TestData.Now);
        invoice.AddAreas("Neck added", 99.99m, appointment.ProviderId, ServicesTax(2.5m));
        invoice.AddRetail(Serum(), 1, RetailTax(8.875m), appointment.ProviderId);
        invoice.AddTip(20m, [appointment.ProviderId]);

        // services 449.99 × 2.5 % = 11.24975 → 11.25; retail 24.99 × 8.875 % = 2.2178625 → 2.22
        invoice.Taxes.Select(t => (t.Kind, t.Tax)).ShouldBe(new[] { (TaxKind.Services, 11.25m), (TaxKind.Retail, 2.22m) });
        invoice.LinesTotal.ShouldBe(449.99m + 11.25m + 24.99m + 2.22m + 20m);
    }

    [Theory]
    [InlineData("10.00", 3, "3.34,3.33,3.33")]
    [InlineData("0.05", 2, "0.03,0.02")]
    [InlineData("25.00", 2, "12.50,12.50")]
    [InlineData("0.02", 2, "0.01,0.01")]
    public void A_tip_is_split_to_the_cent_with_the_odd_cents_to_the_first_providers(string tip, int providers, string shares)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        var ids = Enumerable.Range(0, providers).Select(_ => Guid.CreateVersion7()).ToList();

        var lines = invoice.AddTip(decimal.Parse(tip, inv), ids);

        lines.Select(l => l.UnitPrice).ShouldBe(shares.Split(',').Select(s => decimal.Parse(s, inv)));
        lines.Select(l => l.ProviderId).ShouldBe(ids.Cast<Guid?>());
        invoice.Tips.ShouldBe(decimal.Parse(tip, inv));
    }

    [Fact]
    public void Refuses_a_tip_too_small_to_split_or_split_between_nobody()
    {
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        Should.Throw<DomainException>(() => invoice.AddTip(0.01m, [Guid.CreateVersion7(), Guid.CreateVersion7()])).Field.ShouldBe("Tip");
        Should.Throw<DomainException>(() => invoice.AddTip(5m, [])).Field.ShouldBe("TipProviders");
        Should.Throw<DomainException>(() => invoice.AddTip(-5m, [Guid.CreateVersion7()])).Field.ShouldBe("Tip");
    }

    [Theory]
    // gross 349.99: percent discounts round once to the cent
    [InlineData(DiscountKind.Percent, "15", "52.50")]
    [InlineData(DiscountKind.Percent, "12.5", "43.75")]
    [InlineData(DiscountKind.Fixed, "50", "50")]
    public void A_discount_is_rounded_to_the_cent_and_lowers_the_taxed_base(DiscountKind kind, string value, string amount)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        var line = invoice.AddRetail(Serum(349.99m), 1, RetailTax(10m), null);

        invoice.Discount(line.Id, kind, decimal.Parse(value, inv), "Loyal client", Settings, mayExceedLimit: false);

        line.DiscountAmount.ShouldBe(decimal.Parse(amount, inv));
        invoice.Taxes.Single().Base.ShouldBe(349.99m - decimal.Parse(amount, inv));
        invoice.Taxes.Single().Tax.ShouldBe(Money.Round((349.99m - decimal.Parse(amount, inv)) * 0.10m));
    }

    [Fact]
    public void A_discount_above_the_clinic_limit_needs_an_admin_and_every_discount_a_reason()
    {
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        var line = invoice.AddRetail(Serum(100m), 1, RetailTax(), null);

        var error = Should.Throw<DomainException>(() => invoice.Discount(line.Id, DiscountKind.Percent, 25m, "Friend", Settings, mayExceedLimit: false));
        error.Message.ShouldBe("A discount above 20 % of the line needs an Admin.");
        error.Field.ShouldBe(nameof(InvoiceLine.DiscountValue));
        Should.Throw<DomainException>(() => invoice.Discount(line.Id, DiscountKind.Fixed, 20.01m, "Friend", Settings, mayExceedLimit: false))
            .Field.ShouldBe(nameof(InvoiceLine.DiscountValue));
        Should.Throw<DomainException>(() => invoice.Discount(line.Id, DiscountKind.Fixed, 5m, "  ", Settings, mayExceedLimit: true))
            .Field.ShouldBe(nameof(InvoiceLine.DiscountReason));
        Should.Throw<DomainException>(() => invoice.Discount(line.Id, DiscountKind.Fixed, 100.01m, "Friend", Settings, mayExceedLimit: true))
            .Field.ShouldBe(nameof(InvoiceLine.DiscountValue));

        invoice.Discount(line.Id, DiscountKind.Percent, 25m, "Friend", Settings, mayExceedLimit: true);
        line.DiscountAmount.ShouldBe(25m);
    }

    [Fact]
    public void A_retired_product_is_not_sold()
    {
        var serum = Serum();
        serum.Retire();
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);

        var error = Should.Throw<DomainException>(() => invoice.AddRetail(serum, 1, RetailTax(), null));
        error.Message.ShouldBe("Hyaluronic serum 30 ml is retired and no longer sold.");
        error.Field.ShouldBe(nameof(InvoiceLine.RetailItemId));
    }

    [Fact]
    public void Goes_from_draft_to_open_partly_paid_and_paid_with_due_derived_from_the_entries()
    {
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        invoice.AddRetail(Serum(), 2, RetailTax(), null);
        invoice.State.ShouldBe(InvoiceState.Draft);
        Should.Throw<DomainException>(() => invoice.TakeCash(10m, null, Today, Desk, TestData.Now)).Message.ShouldBe("Issue the invoice before taking payment.");

        invoice.Issue(Today, Desk, TestData.Now);
        invoice.State.ShouldBe(InvoiceState.Open);
        invoice.Due.ShouldBe(54.42m);
        Should.Throw<DomainException>(() => invoice.AddRetail(Serum(), 1, RetailTax(), null));

        invoice.TakeCard(20m, Visa(), Guid.CreateVersion7(), Today, Desk, TestData.Now);
        invoice.State.ShouldBe(InvoiceState.PartlyPaid);
        invoice.Due.ShouldBe(34.42m);

        var cash = invoice.TakeCash(50m, Guid.CreateVersion7(), Today, Desk, TestData.Now);
        cash.Amount.ShouldBe(34.42m);
        cash.CashTendered.ShouldBe(50m);
        cash.ChangeGiven.ShouldBe(15.58m);
        invoice.State.ShouldBe(InvoiceState.Paid);
        invoice.Due.ShouldBe(0m);
        invoice.Due.ShouldBe(invoice.Total - invoice.Paid + invoice.Refunded);
    }

    [Fact]
    public void Refuses_more_card_or_prepaid_tender_than_is_due_and_any_payment_once_paid()
    {
        var invoice = IssuedWalkIn();

        var error = Should.Throw<DomainException>(() => invoice.TakeCard(54.43m, Visa(), null, Today, Desk, TestData.Now));
        error.Message.ShouldBe("Only 54.42 USD is due: take at most that.");
        error.Field.ShouldBe("Amount");
        Should.Throw<DomainException>(() => invoice.TakePrepaid(Tender.GiftCard, 60m, "GC-1", null, Today, Desk, TestData.Now)).Field.ShouldBe("Amount");
        Should.Throw<DomainException>(() => invoice.TakeCard(-1m, Visa(), null, Today, Desk, TestData.Now)).Field.ShouldBe("Amount");
        Should.Throw<DomainException>(() => invoice.TakeCash(1_000_000m, null, Today, Desk, TestData.Now)).Field.ShouldBe("CashTendered");

        invoice.TakeCard(54.42m, Visa(), null, Today, Desk, TestData.Now);
        Should.Throw<DomainException>(() => invoice.TakeCash(1m, null, Today, Desk, TestData.Now)).Message.ShouldBe("Nothing is due on this invoice.");
    }

    [Theory]
    [InlineData("", "4242", "A1", "Brand")]
    [InlineData("Visa", "42a2", "A1", "LastFour")]
    [InlineData("Visa", "42424", "A1", "LastFour")]
    [InlineData("Visa", "4242", "", "ApprovalCode")]
    [InlineData("Visa", "4242", "A-1", "ApprovalCode")]
    public void Card_details_are_what_the_terminal_printed(string brand, string lastFour, string approval, string field) =>
        Should.Throw<DomainException>(() => CardDetails.Require(brand, lastFour, approval)).Field.ShouldBe(field);

    [Fact]
    public void A_refund_goes_to_one_tender_never_above_what_it_paid_and_lowers_the_total()
    {
        var invoice = IssuedWalkIn();
        var cash = invoice.TakeCash(30m, null, Today, Desk, TestData.Now);
        var card = invoice.TakeCard(24.42m, Visa(), null, Today, Desk, TestData.Now);
        var tomorrow = new LedgerDay(Day.AddDays(1), Closed: false);

        invoice.Refund(card.Id, 12.21m, "One serum returned", null, null, tomorrow, Desk, TestData.Now.AddDays(1));
        invoice.Refundable(card.Id).ShouldBe(12.21m);
        invoice.Total.ShouldBe(42.21m);
        invoice.Due.ShouldBe(0m);
        invoice.State.ShouldBe(InvoiceState.Paid);

        var error = Should.Throw<DomainException>(() => invoice.Refund(card.Id, 12.22m, "More", null, null, tomorrow, Desk, TestData.Now.AddDays(1)));
        error.Message.ShouldBe("At most 12.21 USD can go back to this card payment.");
        error.Field.ShouldBe("Amount");
        Should.Throw<DomainException>(() => invoice.Refund(cash.Id, 10m, "", null, null, tomorrow, Desk, TestData.Now)).Field.ShouldBe("Reason");
        Should.Throw<DomainException>(() => invoice.Refund(Guid.CreateVersion7(), 1m, "?", null, null, tomorrow, Desk, TestData.Now)).Field.ShouldBe("PaymentId");

        invoice.Refund(card.Id, 12.21m, "Second serum returned", null, null, tomorrow, Desk, TestData.Now.AddDays(1));
        invoice.Refund(cash.Id, 30m, "Unhappy", null, null, tomorrow, Desk, TestData.Now.AddDays(1));
        invoice.State.ShouldBe(InvoiceState.Refunded);
        invoice.Total.ShouldBe(0m);
        invoice.Due.ShouldBe(0m);
    }

    [Fact]
    public void A_refund_for_a_line_is_never_more_than_the_line_came_to_less_what_was_refunded_for_it()
    {
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        var serum = invoice.AddRetail(Serum(20m), 1, RetailTax(0m), null);
        invoice.AddRetail(new RetailItem("VC-500", "Vitamin C kit", 500m, lowStockThreshold: 1), 1, RetailTax(0m), null);
        invoice.Issue(Today, Desk, TestData.Now);
        var card = invoice.TakeCard(520m, Visa(), null, Today, Desk, TestData.Now);

        var error = Should.Throw<DomainException>(() => invoice.Refund(card.Id, 500m, "Returned", serum.Id, null, Today, Desk, TestData.Now));
        error.Message.ShouldBe("At most 20.00 USD can be refunded for “Hyaluronic serum 30 ml” (what it came to, less what was refunded for it before).");
        error.Field.ShouldBe("Amount");
        invoice.Refund(card.Id, 15m, "Half used", serum.Id, null, Today, Desk, TestData.Now);
        Should.Throw<DomainException>(() => invoice.Refund(card.Id, 5.01m, "More", serum.Id, null, Today, Desk, TestData.Now)).Message
            .ShouldStartWith("At most 5.00 USD can be refunded for");
        invoice.Refund(card.Id, 5m, "The rest", serum.Id, null, Today, Desk, TestData.Now);
        invoice.Refund(card.Id, 500m, "Kit returned", null, null, Today, Desk, TestData.Now);
        (invoice.Total, invoice.Refunded).ShouldBe((0m, 520m));
    }

    [Fact]
    public void A_closed_day_takes_no_payment_issue_or_void_but_a_refund_dated_today()
    {
        var invoice = IssuedWalkIn();
        var card = invoice.TakeCard(10m, Visa(), null, Today, Desk, TestData.Now);
        var closed = Today with { Closed = true };

        Should.Throw<DomainException>(() => invoice.TakeCash(5m, null, closed, Desk, TestData.Now)).Message
            .ShouldBe($"The day {Day:yyyy-MM-dd} is closed: taking a payment is no longer possible (only refunds are).");
        Should.Throw<DomainException>(() => invoice.Void("Mistake", closed, Desk, TestData.Now));
        var draft = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        draft.AddRetail(Serum(), 1, RetailTax(), null);
        Should.Throw<DomainException>(() => draft.Issue(closed, Desk, TestData.Now));

        var entries = invoice.Refund(card.Id, 10m, "Returned", null, null, closed, Desk, TestData.Now);
        entries.Select(e => e.ClinicDay).ShouldAllBe(d => d == Day);
    }

    [Fact]
    public void A_void_on_the_day_gives_every_payment_back_and_later_only_refunds_do()
    {
        var invoice = IssuedWalkIn();
        invoice.TakeCash(20m, null, Today, Desk, TestData.Now);
        invoice.TakeCard(10m, Visa(), null, Today, Desk, TestData.Now);

        var entries = invoice.Void("Rang up the wrong client", Today, Desk, TestData.Now);

        entries.Select(e => (e.Kind, e.Tender, e.Amount)).ShouldBe(new (EntryKind, Tender?, decimal)[]
        {
            (EntryKind.Refund, Tender.Cash, 20m), (EntryKind.Refund, Tender.Card, 10m), (EntryKind.Void, null, 54.42m),
        });
        invoice.State.ShouldBe(InvoiceState.Voided);
        invoice.Total.ShouldBe(0m);
        invoice.Due.ShouldBe(0m);
        Should.Throw<DomainException>(() => invoice.TakeCash(1m, null, Today, Desk, TestData.Now)).Message.ShouldBe("This invoice is voided.");

        var yesterdays = IssuedWalkIn();
        yesterdays.TakeCash(5m, null, Today, Desk, TestData.Now);
        Should.Throw<DomainException>(() => yesterdays.Void("Late", new LedgerDay(Day.AddDays(1), false), Desk, TestData.Now.AddDays(1)))
            .Message.ShouldBe("A payment from an earlier day cannot be voided: refund it instead.");
        var unpaid = IssuedWalkIn();
        unpaid.Void("Client left", new LedgerDay(Day.AddDays(1), false), Desk, TestData.Now.AddDays(1)).Single().Amount.ShouldBe(54.42m);
    }

    [Fact]
    public void Refunding_the_only_payment_of_a_partly_paid_invoice_leaves_it_open_for_what_is_still_owed_not_refunded()
    {
        var invoice = IssuedWalkIn();
        var card = invoice.TakeCard(10m, Visa(), null, Today, Desk, TestData.Now);
        var tomorrow = new LedgerDay(Day.AddDays(1), Closed: false);

        invoice.Refund(card.Id, 10m, "Charged the wrong card", null, null, tomorrow, Desk, TestData.Now.AddDays(1));

        invoice.Due.ShouldBe(44.42m);
        invoice.State.ShouldBe(InvoiceState.Open, "44.42 is still owed: the page must not say Refunded while it asks for a payment");
        invoice.TakeCash(44.42m, null, tomorrow, Desk, TestData.Now.AddDays(1));
        invoice.State.ShouldBe(InvoiceState.Paid);
    }
}
