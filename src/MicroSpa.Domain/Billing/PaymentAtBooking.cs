using System.Globalization;

namespace MicroSpa.Domain.Billing;

/// <summary>How a past appointment of the client ended, as the payment rules read it.</summary>
public enum VisitOutcome
{
    /// <summary>The client came (the visit was completed).</summary>
    Kept = 1,

    NoShow = 2,

    /// <summary>Cancelled at the client's request inside the cancellation cutoff.</summary>
    LateCancellation = 3,
}

/// <summary>One past appointment: how it ended and when (the start of a kept or missed visit, the time of a late cancellation).</summary>
public readonly record struct PastVisit(VisitOutcome Outcome, DateTimeOffset At);

/// <summary>What booking a service asks of the client.</summary>
public enum PaymentDue
{
    Nothing = 0,
    Deposit = 1,
    CardOnFile = 2,
}

/// <summary>
/// What a booking requires: nothing, a deposit of <see cref="Amount"/> or a card on file; <see cref="Reason"/> says
/// why (for the desk and the Admin), <see cref="Summary"/> what the client is told in plain words.
/// </summary>
public sealed record BookingRequirement(PaymentDue Due, Money Amount, string Reason, string Summary)
{
    public const string CardSummary = "Your card is saved, nothing is charged today.";
    public const string NothingSummary = "Nothing is charged when you book.";

    public static string DepositSummary(string amount) => $"A deposit of {amount} is taken when you book; it counts toward your visit.";
}

/// <summary>
/// The rule of issue 18: given the service's deposit and price, the client's past visits and the clinic's rules,
/// what booking requires. In order: a no-show or enough late cancellations within the record's months call for the
/// clinic's safeguard (the service's deposit when it takes one, else a card, or with <see cref="Safeguard.Deposit"/>
/// a deposit of the no-show fee); otherwise a clean record (at
/// least one kept visit, no miss) waives the deposit when the clinic says so; otherwise the service's own deposit.
/// Amounts are rounded once, to the cent, half away from zero (<see cref="Money.Percent"/>), and never exceed the price.
/// </summary>
public static class PaymentAtBooking
{
    public static BookingRequirement Decide(
        Charge serviceDeposit, Money price, IEnumerable<PastVisit> history, PaymentRules rules, DateTimeOffset now, Func<Money, string> format)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(format);
        var since = now.ToUniversalTime().AddMonths(-rules.RecordMonths);
        var recent = history.Where(v => v.At > since && v.At <= now).ToList();
        var noShows = recent.Count(v => v.Outcome == VisitOutcome.NoShow);
        var lateCancellations = recent.Count(v => v.Outcome == VisitOutcome.LateCancellation);
        var kept = recent.Count(v => v.Outcome == VisitOutcome.Kept);
        var deposit = serviceDeposit.Of(price);
        var months = rules.RecordMonths == 1 ? "month" : $"{rules.RecordMonths} months";

        string? trigger = null;
        if (rules.RequireAfterNoShow && noShows > 0)
        {
            trigger = noShows == 1 ? $"A no-show in the last {months}" : $"{noShows} no-shows in the last {months}";
        }
        else if (rules.LateCancellationsBeforeRequired > 0 && lateCancellations >= rules.LateCancellationsBeforeRequired)
        {
            trigger = string.Create(CultureInfo.InvariantCulture,
                $"{Count(lateCancellations, "late cancellation")} in the last {months} (the clinic asks from {rules.LateCancellationsBeforeRequired})");
        }

        if (trigger is not null)
        {
            // The service's own deposit stands whatever the safeguard; a required deposit on a service that takes
            // none is the no-show fee (what the missed visit would cost), or a card when the clinic has no such fee.
            var required = deposit.Amount > 0m || rules.Safeguard != Safeguard.Deposit ? deposit : rules.NoShowFee.Of(price);
            if (required.Amount > 0m)
            {
                var what = deposit.Amount > 0m ? "a deposit" : "a deposit of the no-show fee";
                return DepositOf(required, $"{trigger}: {what} of {format(required)} is required.", format);
            }

            return Card(rules.Safeguard == Safeguard.Deposit
                ? $"{trigger}: this service takes no deposit and the clinic has no no-show fee, so a card is saved instead."
                : $"{trigger}: a card is saved.", price);
        }

        if (deposit.Amount <= 0m)
        {
            return new BookingRequirement(PaymentDue.Nothing, deposit, "This service takes no deposit.", BookingRequirement.NothingSummary);
        }

        if (rules.WaiveForCleanRecord && kept > 0 && noShows == 0 && lateCancellations == 0)
        {
            return new BookingRequirement(PaymentDue.Nothing, Money.Zero(price.Currency),
                $"A clean record (visits kept, no no-show and no late cancellation in the last {months}): the deposit of {format(deposit)} is waived.",
                BookingRequirement.NothingSummary);
        }

        var how = serviceDeposit.Kind == ChargeKind.Percent
            ? string.Create(CultureInfo.InvariantCulture, $"{serviceDeposit.Value:0.##} % of {format(price)}")
            : serviceDeposit.Value > price.Amount ? $"{format(deposit)}, its price" : format(deposit);
        return DepositOf(deposit, $"This service takes a deposit of {how}.", format);
    }

    private static BookingRequirement DepositOf(Money deposit, string reason, Func<Money, string> format) =>
        new(PaymentDue.Deposit, deposit, reason, BookingRequirement.DepositSummary(format(deposit)));

    private static BookingRequirement Card(string reason, Money price) =>
        new(PaymentDue.CardOnFile, Money.Zero(price.Currency), reason, BookingRequirement.CardSummary);

    private static string Count(int count, string what) => count == 1 ? $"1 {what}" : string.Create(CultureInfo.InvariantCulture, $"{count} {what}s");
}
