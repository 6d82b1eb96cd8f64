using MicroSpa.Domain.Billing;
using static MicroSpa.Domain.Tests.Billing.BillingData;

namespace MicroSpa.Domain.Tests.Billing;

public sealed class StockAndDayTests
{
    [Fact]
    public void Stock_on_hand_is_the_sum_of_its_entries_and_a_count_sets_it_to_what_was_found()
    {
        var serum = Serum();
        List<StockEntry> entries = [StockEntry.Received(serum, 12, Desk, "Delivery 118", TestData.Now)];
        entries.Add(StockEntry.Sold(serum.Id, 2, Guid.CreateVersion7(), Desk, TestData.Now));
        entries.Add(StockEntry.WrittenOff(serum, 1, Desk, "Dropped", TestData.Now));
        entries.Add(StockEntry.Counted(serum, 7, entries.Sum(e => e.QuantityChange), Desk, null, TestData.Now));

        entries.Sum(e => e.QuantityChange).ShouldBe(7);
        entries[^1].QuantityChange.ShouldBe(-2);
        serum.IsLow(7).ShouldBeFalse();
        serum.IsLow(3).ShouldBeTrue();
    }

    [Fact]
    public void Stock_changes_say_why_and_refuse_absurd_quantities_and_retired_items()
    {
        var serum = Serum();
        Should.Throw<DomainException>(() => StockEntry.WrittenOff(serum, 1, Desk, " ", TestData.Now)).Field.ShouldBe(nameof(StockEntry.Reason));
        Should.Throw<DomainException>(() => StockEntry.Received(serum, 0, Desk, null, TestData.Now)).Field.ShouldBe(nameof(StockEntry.QuantityChange));
        Should.Throw<DomainException>(() => StockEntry.Received(serum, 10_001, Desk, null, TestData.Now)).Field.ShouldBe(nameof(StockEntry.QuantityChange));
        Should.Throw<DomainException>(() => StockEntry.Counted(serum, -1, 0, Desk, null, TestData.Now)).Field.ShouldBe(nameof(StockEntry.CountedQuantity));
        serum.Retire();
        Should.Throw<DomainException>(() => StockEntry.Received(serum, 1, Desk, null, TestData.Now)).Field.ShouldBe(nameof(StockEntry.RetailItemId));
    }

    [Theory]
    [InlineData("", "Serum", "Sku")]
    [InlineData("HA 30", "Serum", "Sku")]
    [InlineData("HA-30", "", "Name")]
    public void A_retail_item_needs_a_sku_without_spaces_and_a_name(string sku, string name, string field) =>
        Should.Throw<DomainException>(() => new RetailItem(sku, name, 10m)).Field.ShouldBe(field);

    [Fact]
    public void The_day_sums_tenders_expected_cash_and_each_providers_services_retail_and_tips()
    {
        var maya = Guid.CreateVersion7();
        var sofia = Guid.CreateVersion7();
        var invoice = Invoice.WalkIn(null, "USD", Desk, TestData.Now);
        invoice.AddRetail(Serum(), 1, RetailTax(0m), maya);
        invoice.AddAreas("Neck added", 100m, sofia, ServicesTax());
        invoice.AddTip(15m, [maya, sofia]);
        invoice.Issue(Today, Desk, TestData.Now);
        invoice.TakeCash(100m, null, Today, Desk, TestData.Now);
        var card = invoice.TakeCard(39.99m, Visa(), null, Today, Desk, TestData.Now);
        invoice.Refund(card.Id, 4.99m, "Goodwill", null, null, Today, Desk, TestData.Now);

        var summary = DaySummary.From(Day, invoice.Entries, invoice.Lines.Select(l => (l, false)));

        summary.Issued.ShouldBe(139.99m);
        summary.Tenders.ShouldBe(new[] { new TenderTotal(Tender.Cash, 100m, 0m), new TenderTotal(Tender.Card, 39.99m, 4.99m) });
        summary.ExpectedCash.ShouldBe(100m);
        summary.Payments.ShouldBe(139.99m);
        summary.Refunds.ShouldBe(4.99m);
        summary.Providers.Single(p => p.ProviderId == maya).ShouldBe(new ProviderTotal(maya, 0m, 24.99m, 7.50m));
        summary.Providers.Single(p => p.ProviderId == sofia).ShouldBe(new ProviderTotal(sofia, 100m, 0m, 7.50m));

        var close = DayClose.Close(summary, 98m, "Two dollars short", Day, Desk, TestData.Now);
        close.Variance.ShouldBe(-2m);
        Should.Throw<DomainException>(() => DayClose.Close(summary, 98m, null, Day, Desk, TestData.Now)).Field.ShouldBe(nameof(DayClose.Note));
        Should.Throw<DomainException>(() => DayClose.Close(summary, -1m, "x", Day, Desk, TestData.Now)).Field.ShouldBe(nameof(DayClose.CountedCash));
        Should.Throw<DomainException>(() => DayClose.Close(summary, 100m, null, Day.AddDays(-1), Desk, TestData.Now)).Field.ShouldBe(nameof(DayClose.ClinicDay));
    }
}
