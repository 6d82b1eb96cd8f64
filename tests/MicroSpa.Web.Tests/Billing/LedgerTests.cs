using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Tests.Billing;

/// <summary>
/// The money core on real PostgreSQL, without HTTP (the checkout pages come later): the ledger is insert-only
/// for the app's role, two desks take one payment, a double submission takes nothing twice, and every balance
/// recomputed from the entries agrees.
/// </summary>
public sealed class LedgerTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>Noon in the test clinic (New York) on 2 December 2026.</summary>
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 12, 2);

    private readonly FixedClock _clock = new() { Now = Noon };

    private sealed class FixedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private Ledger LedgerOn(MicroSpaDbContext db) => new(db, TestClinic.Zone, _clock);

    private async Task<T> WithLedgerAsync<T>(Func<Ledger, Task<T>> use)
    {
        await using var db = Database.CreateContext();
        return await use(LedgerOn(db));
    }

    private async Task<Actor> DeskAsync(string email = "desk@clinic.test")
    {
        await using var db = Database.CreateContext();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Desk", CreatedAt = Noon };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Actor(user.Id, email);
    }

    /// <summary>A walk-in buying serums (24.99 each, retail taxed at 8.875 %), issued: two come to 54.42.</summary>
    private async Task<(Guid InvoiceId, Guid SerumId)> IssuedInvoiceAsync(Actor desk, int serums = 2, Guid? providerId = null)
    {
        Guid invoiceId;
        Guid serumId;
        await using (var db = Database.CreateContext())
        {
            var retail = await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail);
            retail.SetRate(8.875m);
            var serum = new RetailItem($"HA-{Guid.NewGuid():N}"[..16], "Hyaluronic serum", 24.99m, lowStockThreshold: 3);
            db.RetailItems.Add(serum);
            db.StockEntries.Add(StockEntry.Received(serum, 10, desk.UserId, "Delivery 118", Noon));
            var invoice = Invoice.WalkIn(null, "USD", desk.UserId, Noon);
            invoice.AddRetail(serum, serums, retail, providerId);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
            (invoiceId, serumId) = (invoice.Id, serum.Id);
        }

        (await WithLedgerAsync(l => l.IssueAsync(invoiceId, desk, default))).Status.ShouldBe(LedgerStatus.Done);
        return (invoiceId, serumId);
    }

    private async Task<Invoice> LoadAsync(Guid invoiceId)
    {
        await using var db = Database.CreateContext();
        return await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Entries).AsSplitQuery().SingleAsync(i => i.Id == invoiceId);
    }

    private static TenderInput Card(decimal amount) => new(Tender.Card, amount, "Visa", "4242", "A1B2C3");

    private static async Task<PostgresException> RefusedAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_apps_database_role_cannot_change_delete_or_empty_the_ledger_stock_or_day_closes()
    {
        var desk = await DeskAsync();
        var (invoiceId, _) = await IssuedInvoiceAsync(desk);
        (await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(54.42m), Guid.CreateVersion7(), desk, default))).Status.ShouldBe(LedgerStatus.Done);
        (await WithLedgerAsync(async l => (await l.CloseDayAsync(Day, 0m, null, desk, default)).Result)).Status.ShouldBe(LedgerStatus.Done);

        var app = Database.ConnectionString;
        foreach (var (table, column) in new[] { ("ledger_entries", "amount"), ("stock_entries", "quantity_change"), ("day_closes", "counted_cash") })
        {
            (await RefusedAsync(app, $"UPDATE {table} SET {column} = 0")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await RefusedAsync(app, $"DELETE FROM {table}")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await RefusedAsync(app, $"TRUNCATE {table}")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await RefusedAsync(app, $"ALTER TABLE {table} DISABLE TRIGGER ALL")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }

        // Even the owner, granting itself the right again, meets the trigger.
        var owner = Database.OwnerConnectionString;
        await ExecuteAsync(owner, "GRANT UPDATE, DELETE ON ledger_entries TO CURRENT_USER");
        try
        {
            (await RefusedAsync(owner, "UPDATE ledger_entries SET amount = 0")).MessageText.ShouldContain("insert-only");
            (await RefusedAsync(owner, "DELETE FROM ledger_entries")).MessageText.ShouldContain("insert-only");
        }
        finally
        {
            // Revoking at the table level takes the column privilege the foreign-key checks need with it: give that back.
            await ExecuteAsync(owner, "REVOKE UPDATE, DELETE ON ledger_entries FROM CURRENT_USER; GRANT UPDATE (id) ON ledger_entries TO CURRENT_USER");
        }

        (await LoadAsync(invoiceId)).State.ShouldBe(InvoiceState.Paid);
    }

    [Fact]
    public async Task Two_desks_paying_the_same_invoice_at_once_take_exactly_one_payment_for_what_is_due()
    {
        var desk = await DeskAsync();
        var (invoiceId, _) = await IssuedInvoiceAsync(desk);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(54.42m), Guid.CreateVersion7(), desk, default)))));

        results.Count(r => r.Status == LedgerStatus.Done).ShouldBe(1);
        results.Where(r => r.Status != LedgerStatus.Done).ShouldAllBe(r => r.Status == LedgerStatus.Conflict && r.Message == "Nothing is due on this invoice.");
        var invoice = await LoadAsync(invoiceId);
        invoice.Entries.Count(e => e.Kind == EntryKind.Payment).ShouldBe(1);
        invoice.Paid.ShouldBe(54.42m);
        invoice.Due.ShouldBe(0m);
    }

    [Fact]
    public async Task A_double_submitted_payment_is_recognised_by_its_submission_id_and_takes_nothing_twice()
    {
        var desk = await DeskAsync();
        var (invoiceId, _) = await IssuedInvoiceAsync(desk);
        var submission = Guid.CreateVersion7();
        var cash = new TenderInput(Tender.Cash, 20m);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, cash, submission, desk, default)))));
        var again = await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, cash, submission, desk, default));

        results.Count(r => r.Status == LedgerStatus.Done).ShouldBe(1);
        results.Where(r => r.Status != LedgerStatus.Done).ShouldAllBe(r => r.Status == LedgerStatus.AlreadyDone);
        again.Status.ShouldBe(LedgerStatus.AlreadyDone);
        again.Entries.Single().Id.ShouldBe(results.Single(r => r.Status == LedgerStatus.Done).Entries.Single().Id);
        var invoice = await LoadAsync(invoiceId);
        invoice.Paid.ShouldBe(20m);
        invoice.Due.ShouldBe(34.42m);
        invoice.State.ShouldBe(InvoiceState.PartlyPaid);

        var (otherId, _) = await IssuedInvoiceAsync(desk);
        (await WithLedgerAsync(l => l.TakePaymentAsync(otherId, cash, submission, desk, default))).Status.ShouldBe(LedgerStatus.Refused);
    }

    [Fact]
    public async Task A_refund_posted_with_a_payments_submission_id_is_refused_not_reported_as_done()
    {
        var desk = await DeskAsync();
        var (invoiceId, _) = await IssuedInvoiceAsync(desk);
        var submission = Guid.CreateVersion7();
        var paid = await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(54.42m), submission, desk, default));

        var refund = await WithLedgerAsync(l => l.RefundAsync(invoiceId, paid.Entries.Single().Id, 10m, "Returned", null, submission, desk, default));

        refund.Status.ShouldBe(LedgerStatus.Refused, "the desk must not read 'Refund recorded.' when nothing went back");
        var again = await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(54.42m), submission, desk, default));
        again.Status.ShouldBe(LedgerStatus.AlreadyDone, "the payment's own form posted twice is still recognised");
        var invoice = await LoadAsync(invoiceId);
        invoice.Refunded.ShouldBe(0m);
        invoice.Paid.ShouldBe(54.42m);
    }

    [Fact]
    public async Task Two_desks_refunding_the_same_payment_at_once_give_back_no_more_than_it_paid()
    {
        var desk = await DeskAsync();
        var (invoiceId, _) = await IssuedInvoiceAsync(desk);
        var payment = (await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(54.42m), Guid.CreateVersion7(), desk, default))).Entries.Single().Id;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            WithLedgerAsync(l => l.RefundAsync(invoiceId, payment, 30m, "Unhappy", null, Guid.CreateVersion7(), desk, default)))));

        results.Count(r => r.Status == LedgerStatus.Done).ShouldBe(1);
        results.Where(r => r.Status != LedgerStatus.Done).ShouldAllBe(r => r.Status == LedgerStatus.Refused && r.Field == "Amount");
        var invoice = await LoadAsync(invoiceId);
        invoice.Refunded.ShouldBe(30m);
        invoice.Refundable(payment).ShouldBe(24.42m);
    }

    [Fact]
    public async Task Refusals_name_the_field_and_save_nothing()
    {
        var desk = await DeskAsync();
        var (invoiceId, _) = await IssuedInvoiceAsync(desk);

        var tooMuch = await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(54.43m), Guid.CreateVersion7(), desk, default));
        tooMuch.Status.ShouldBe(LedgerStatus.Refused);
        tooMuch.Field.ShouldBe("Amount");
        (await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(-5m), Guid.CreateVersion7(), desk, default))).Field.ShouldBe("Amount");
        (await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, new TenderInput(Tender.Card, 10m, "Visa", "42", "A1"), Guid.CreateVersion7(), desk, default)))
            .Field.ShouldBe(nameof(CardDetails.LastFour));
        (await WithLedgerAsync(l => l.TakePaymentAsync(Guid.CreateVersion7(), Card(1m), Guid.CreateVersion7(), desk, default))).Status.ShouldBe(LedgerStatus.NotFound);

        var paid = await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(54.42m), Guid.CreateVersion7(), desk, default));
        var above = await WithLedgerAsync(l => l.RefundAsync(invoiceId, paid.Entries.Single().Id, 54.43m, "Returned", null, Guid.CreateVersion7(), desk, default));
        above.Status.ShouldBe(LedgerStatus.Refused);
        above.Message.ShouldBe("At most 54.42 USD can go back to this card payment.");

        await using var db = Database.CreateContext();
        (await db.LedgerEntries.CountAsync()).ShouldBe(2);
        (await db.AuditEntries.CountAsync(a => a.Action.StartsWith("money."))).ShouldBe(2);
    }

    [Fact]
    public async Task A_closed_day_takes_no_payment_and_a_later_refund_is_dated_on_the_day_it_happens()
    {
        var desk = await DeskAsync();
        var (invoiceId, _) = await IssuedInvoiceAsync(desk);
        var cash = await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, new TenderInput(Tender.Cash, 30m), Guid.CreateVersion7(), desk, default));
        await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(10m), Guid.CreateVersion7(), desk, default));

        var (close, closed) = await WithLedgerAsync(l => l.CloseDayAsync(Day, 29m, "A note went to the bank early", desk, default));
        closed.Status.ShouldBe(LedgerStatus.Done);
        close!.ExpectedCash.ShouldBe(30m);
        close.Variance.ShouldBe(-1m);
        (await WithLedgerAsync(async l => (await l.CloseDayAsync(Day, 30m, null, desk, default)).Result)).Message.ShouldBe("The day 2026-12-02 is already closed.");
        (await WithLedgerAsync(l => l.TakePaymentAsync(invoiceId, Card(1m), Guid.CreateVersion7(), desk, default))).Message
            .ShouldBe("The day 2026-12-02 is closed: taking a payment is no longer possible (only refunds are).");

        _clock.Now = Noon.AddDays(1);
        var refund = await WithLedgerAsync(l => l.RefundAsync(invoiceId, cash.Entries.Single().Id, 12.21m, "One serum returned", null, Guid.CreateVersion7(), desk, default));
        refund.Status.ShouldBe(LedgerStatus.Done);
        refund.Entries.ShouldAllBe(e => e.ClinicDay == Day.AddDays(1));
        var invoice = await LoadAsync(invoiceId);
        invoice.Total.ShouldBe(42.21m);
        invoice.Due.ShouldBe(14.42m);

        var today = await WithLedgerAsync(l => l.SummarizeAsync(Day.AddDays(1), default));
        today.ExpectedCash.ShouldBe(-12.21m);
        (await WithLedgerAsync(l => l.SummarizeAsync(Day, default))).ExpectedCash.ShouldBe(30m);
    }

    [Fact]
    public async Task Every_balance_recomputed_from_the_entries_agrees_and_a_days_entries_sum_to_payments_minus_refunds()
    {
        var desk = await DeskAsync();
        var clinic = await TestClinic.CreateAsync(Database);
        var ids = new List<Guid>();
        for (var i = 1; i <= 4; i++)
        {
            var (id, _) = await IssuedInvoiceAsync(desk, serums: i, providerId: clinic.Esthetician.Id);
            ids.Add(id);
        }

        // Totals 27.21, 54.42, 81.62 and 108.83. Paid in full by cash with change, partly by card, split cash and card then refunded in part, and voided.
        await WithLedgerAsync(l => l.TakePaymentAsync(ids[0], new TenderInput(Tender.Cash, 50m), Guid.CreateVersion7(), desk, default));
        await WithLedgerAsync(l => l.TakePaymentAsync(ids[1], Card(20m), Guid.CreateVersion7(), desk, default));
        var cash = await WithLedgerAsync(l => l.TakePaymentAsync(ids[2], new TenderInput(Tender.Cash, 40m), Guid.CreateVersion7(), desk, default));
        await WithLedgerAsync(l => l.TakePaymentAsync(ids[2], new TenderInput(Tender.GiftCard, 41.62m, Reference: "GC-TEST"), Guid.CreateVersion7(), desk, default));
        await WithLedgerAsync(l => l.RefundAsync(ids[2], cash.Entries.Single().Id, 27.22m, "One serum returned", null, Guid.CreateVersion7(), desk, default));
        await WithLedgerAsync(l => l.TakePaymentAsync(ids[3], Card(15m), Guid.CreateVersion7(), desk, default));
        (await WithLedgerAsync(l => l.VoidAsync(ids[3], "Rang up the wrong client", desk, default))).Status.ShouldBe(LedgerStatus.Done);

        await using var db = Database.CreateContext();
        // The columns are named as the naming convention maps Balance's properties (snake_case).
        var fromSql = await db.Database.SqlQuery<Balance>($"""
            SELECT invoice_id AS invoice_id,
                   sum(CASE kind WHEN 'Issued' THEN amount WHEN 'Credit' THEN -amount WHEN 'Void' THEN -amount ELSE 0 END) AS total,
                   sum(CASE kind WHEN 'Payment' THEN amount ELSE 0 END) AS paid,
                   sum(CASE kind WHEN 'Refund' THEN amount ELSE 0 END) AS refunded
            FROM ledger_entries GROUP BY invoice_id
            """).ToListAsync();
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Entries).AsSplitQuery().ToListAsync();
        fromSql.Count.ShouldBe(4);
        foreach (var invoice in invoices)
        {
            var row = fromSql.Single(b => b.InvoiceId == invoice.Id);
            (row.Total, row.Paid, row.Refunded).ShouldBe((invoice.Total, invoice.Paid, invoice.Refunded));
            (row.Total - row.Paid + row.Refunded).ShouldBe(invoice.Due);
            invoice.Charged.ShouldBe(invoice.LinesTotal);
        }

        invoices.Select(i => (i.Id, i.State, i.Due)).OrderBy(i => ids.IndexOf(i.Id)).Select(i => (i.State, i.Due)).ShouldBe(new[]
        {
            (InvoiceState.Paid, 0m), (InvoiceState.PartlyPaid, 34.42m), (InvoiceState.Paid, 0m), (InvoiceState.Voided, 0m),
        });

        var dayFlow = await db.Database.SqlQuery<decimal>($"""
            SELECT coalesce(sum(CASE kind WHEN 'Payment' THEN amount WHEN 'Refund' THEN -amount ELSE 0 END), 0) AS "Value"
            FROM ledger_entries WHERE clinic_day = {Day}
            """).SingleAsync();
        var summary = await LedgerOn(db).SummarizeAsync(Day, default);
        dayFlow.ShouldBe(summary.Payments - summary.Refunds);
        dayFlow.ShouldBe(invoices.Sum(i => i.Paid - i.Refunded));
        dayFlow.ShouldBe(27.21m + 20m + 40m + 41.62m - 27.22m + 15m - 15m);
        summary.ExpectedCash.ShouldBe(27.21m + 40m - 27.22m);
        summary.Providers.Single().ShouldBe(new ProviderTotal(clinic.Esthetician.Id, 0m, 24.99m * 6, 0m));

        // Stock: each invoice took its serums off its own item; the voided one put them back.
        var stock = await db.StockEntries.GroupBy(e => e.RetailItemId).Select(g => g.Sum(e => e.QuantityChange)).ToListAsync();
        stock.Order().ShouldBe(new[] { 7, 8, 9, 10 });
    }

    [Fact]
    public async Task An_appointment_keeps_the_price_it_was_booked_at()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        await using (var db = Database.CreateContext())
        {
            var service = await db.Services.SingleAsync(s => s.Id == clinic.Facial.Id);
            service.Reprice(420m);
            await db.SaveChangesAsync();
        }

        await using var check = Database.CreateContext();
        (await check.Appointments.SingleAsync(a => a.Id == appointment.Id)).PriceAtBooking.ShouldBe(350m);
    }

    private sealed class Balance
    {
        public Guid InvoiceId { get; set; }
        public decimal Total { get; set; }
        public decimal Paid { get; set; }
        public decimal Refunded { get; set; }
    }
}
