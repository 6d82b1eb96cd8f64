using System.Net;
using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Reminders;

/// <summary>
/// Puts the reminders that are due into the outbox: 48 hours before a visit (with the pre-visit
/// instructions), on the visit's day with its "I'm here" link (decision 042), a day-3 check-in after a treatment,
/// next-session-due and maintenance-due for plans.
/// Each has a key, so running this on several instances, or again after a restart, stores each once.
/// Clients who opted out get only the visit reminders. The visit reminder warns when every card the client saved expires
/// before the visit (read from Stripe; when Stripe cannot answer the reminder goes without the warning).
/// </summary>
public sealed class ReminderScheduler(
    MicroSpaDbContext db, PlanOverview.Handler plans, SavedCards savedCards, PublicLinks links, ArrivalLinks arrival, ClinicTimeZone zone, TimeProvider clock,
    IOptions<ClinicOptions> clinic, ILogger<ReminderScheduler> logger)
{
    /// <summary>
    /// How long before its start the day's reminder goes out (or from when check-in opens, when the clinic opens it earlier),
    /// never before the visit's day begins: the link in it checks the client in.
    /// </summary>
    public static readonly TimeSpan DayOfLead = TimeSpan.FromHours(3);

    /// <summary>How long a reminder waits for Stripe's list of cards before it goes without the card warning.</summary>
    public static readonly TimeSpan CardCheckTimeout = TimeSpan.FromSeconds(10);

    public static readonly IReadOnlyList<string> WarningSigns =
    [
        "redness, warmth or pain that increases instead of fading",
        "pus, fever or chills",
        "a cold sore, or new itchy or tender red bumps",
        "darkening pigment",
    ];

    public async Task<int> ScheduleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = clinic.Value;
        var culture = settings.CultureInfo;
        var candidates = new List<Reminder>();

        var visits = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && a.StartsAt > now && a.StartsAt <= now.AddHours(48) && a.CreatedAt < a.StartsAt.AddHours(-48)
                        && a.Client!.Email != null)
            .Select(a => new { a.Id, a.ClientId, a.StartsAt, a.Client!.Email, a.Client.FirstName, Service = a.Service!.Name })
            .ToListAsync(cancellationToken);
        var visitKeys = visits.Select(v => VisitKey(v.Id, v.StartsAt)).ToList();
        var visitsStored = visitKeys.Count == 0
            ? []
            : (await db.Outbox.AsNoTracking().Where(m => visitKeys.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var v in visits.Where(v => !visitsStored.Contains(VisitKey(v.Id, v.StartsAt))))
        {
            var when = zone.ToLocal(v.StartsAt).ToString("dddd d MMMM, HH:mm", culture);
            var lines = new List<string> { $"A reminder: your {v.Service} is on {when}.", "Before your visit:" };
            lines.AddRange(AppointmentEmails.PreVisitInstructions.Select(i => "- " + i));
            if (await ExpiredCardsAsync(v.ClientId, DateOnly.FromDateTime(zone.ToLocal(v.StartsAt)), cancellationToken) is { } expired)
            {
                lines.Add($"The card you saved with us ({expired}) expires before your visit. Please add a new one: {links.Action("Index", "MyCards")}");
            }

            candidates.Add(new(VisitKey(v.Id, v.StartsAt), "visit-reminder", v.Email!, $"{settings.Name}: your visit on {when}", v.FirstName, lines));
        }

        candidates.AddRange(await DayOfRemindersAsync(now, cancellationToken));

        var treated = await (
                from r in db.TreatmentRecords.AsNoTracking()
                where r.Status == ChartStatus.Signed && r.SignedAt <= now.AddDays(-3) && r.SignedAt > now.AddDays(-7)
                join c in db.Clients on r.ClientId equals c.Id
                where c.Email != null && !c.OptedOutOfReminders
                select new { r.Id, c.Email, c.FirstName })
            .ToListAsync(cancellationToken);
        foreach (var t in treated)
        {
            var lines = new List<string> { "How is your skin three days after your treatment? Some redness is normal and fades.", "Call us if you notice:" };
            lines.AddRange(WarningSigns.Select(w => "- " + w));
            candidates.Add(new($"day3:{t.Id}", "day3-checkin", t.Email!, $"{settings.Name}: how is your skin?", t.FirstName, lines));
        }

        var today = zone.Today(now);
        var due = (await plans.AllAsync(cancellationToken)).Where(p => p.Status.NextDue <= today.AddDays(3) && p.Status.Done > 0).ToList();
        if (due.Count > 0)
        {
            var clientIds = due.Select(p => p.ClientId).ToList();
            var contacts = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id) && c.Email != null && !c.OptedOutOfReminders)
                .ToDictionaryAsync(c => c.Id, c => new { c.Email, c.FirstName }, cancellationToken);
            foreach (var plan in due.Where(p => contacts.ContainsKey(p.ClientId)))
            {
                var contact = contacts[plan.ClientId];
                var maintenance = plan.Status.Phase == PlanPhase.Maintenance;
                var lines = new List<string>
                {
                    maintenance
                        ? $"It is time for a maintenance session for your {PlanOverview.Describe(plan.Indication).ToLowerInvariant()} treatment (from {plan.Status.NextDue.ToString("d MMMM", culture)})."
                        : $"Your next session ({plan.Status.Done + 1} of {plan.Planned}) is due from {plan.Status.NextDue.ToString("d MMMM", culture)}.",
                    "Book it online under My appointments, or call us.",
                };
                candidates.Add(new($"{(maintenance ? "maintenance" : "due")}:{plan.PlanId}:{plan.Status.NextDue:yyyy-MM-dd}", maintenance ? "maintenance-due" : "next-due",
                    contact.Email!, $"{settings.Name}: {(maintenance ? "time for maintenance" : "your next session is due")}", contact.FirstName, lines));
            }
        }

        // Every round finds the same reminders again until their time passes: ask once which are stored
        // already, so a round with nothing new costs one query instead of one insert per reminder.
        var keys = candidates.Select(c => c.Key).ToList();
        var stored = keys.Count == 0
            ? []
            : (await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken)).ToHashSet();
        var added = 0;
        foreach (var reminder in candidates.Where(c => !stored.Contains(c.Key)))
        {
            added += await AddAsync(reminder, now, cancellationToken);
        }

        if (added > 0)
        {
            logger.LogInformation("{Count} reminders scheduled", added);
        }

        return added;
    }

    /// <summary>
    /// The reminder on the visit's day, for every booked visit with an email address (those booked today included: its link
    /// is the point), keyed by the start so a visit moved gets a new one with a new link; the link of the old one stops working.
    /// </summary>
    private async Task<List<Reminder>> DayOfRemindersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opensMinutes = await db.BookingPolicies.AsNoTracking().Select(p => p.CheckInOpensMinutesBefore).SingleAsync(cancellationToken);
        var lead = TimeSpan.FromMinutes(Math.Max(DayOfLead.TotalMinutes, opensMinutes));
        var (_, todayEnds) = zone.DayBounds(zone.Today(now));
        var visits = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && a.StartsAt > now && a.StartsAt <= now + lead && a.StartsAt < todayEnds && a.Client!.Email != null)
            .Select(a => new { a.Id, a.StartsAt, a.Client!.Email, a.Client.FirstName, Service = a.Service!.Name, Provider = a.Provider!.DisplayName })
            .ToListAsync(cancellationToken);
        var culture = clinic.Value.CultureInfo;
        return visits.ConvertAll(v =>
        {
            var at = zone.ToLocal(v.StartsAt).ToString("t", culture);
            var url = arrival.UrlFor(v.Id, v.StartsAt);
            var provider = v.Provider.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return new Reminder($"dayof:{v.Id}:{v.StartsAt.UtcTicks}", "dayof-reminder", v.Email!, $"{clinic.Value.Name}: see you today at {at}", v.FirstName,
                [
                    $"See you today: your {v.Service} is at {at} with {provider}.",
                    $"When you arrive, check yourself in from your phone with this link: {url}",
                    "If we still need your health screening or consent, you can give them on your phone right after, instead of on the clinic's tablet. The link works today only.",
                ],
                new ReminderLink("I'm here", url));
        });
    }

    private static string VisitKey(Guid appointmentId, DateTimeOffset startsAt) => $"reminder:{appointmentId}:{startsAt.UtcTicks}";

    /// <summary>
    /// The client's saved cards in words ("Visa ending in 4242, expires 11/2026") when they have some and none is valid
    /// on <paramref name="visitDay"/>; null otherwise, and null when Stripe cannot be asked: a reminder is never lost to
    /// the payment provider.
    /// </summary>
    private async Task<string?> ExpiredCardsAsync(Guid clientId, DateOnly visitDay, CancellationToken cancellationToken)
    {
        if (!savedCards.Available)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CardCheckTimeout);
        try
        {
            var cards = await savedCards.ForClientAsync(clientId, timeout.Token);
            return cards.Count > 0 && cards.All(c => !c.ValidOn(visitDay))
                ? string.Join("; ", cards.Select(c => $"{c.Describe()}, expires {c.Expiry}"))
                : null;
        }
        catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
        {
            logger.LogWarning("Saved cards of client {ClientId} could not be checked for a reminder; it goes without the card warning: {Error}", clientId, e.GetType().Name);
            return null;
        }
    }

    private sealed record Reminder(string Key, string Kind, string To, string Subject, string FirstName, IReadOnlyList<string> Lines, ReminderLink? Link = null);

    /// <summary>A button in the HTML body (the text body has the address in its lines).</summary>
    private sealed record ReminderLink(string Text, string Url);

    private async Task<int> AddAsync(Reminder reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (key, kind, to, subject, firstName, lines) = (reminder.Key, reminder.Kind, reminder.To, reminder.Subject, reminder.FirstName, reminder.Lines);
        var text = $"Hello {firstName},\n\n{string.Join("\n", lines)}\n\n{clinic.Value.Name}\n\nTo stop check-ins and reminders of due sessions, change your preferences under My appointments.";
        var html = $"<p>Hello {WebUtility.HtmlEncode(firstName)},</p>" + string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"))
                   + (reminder.Link is { } link
                       ? $"<p><a href=\"{WebUtility.HtmlEncode(link.Url)}\" style=\"display:inline-block;padding:12px 24px;background:#7b3f61;color:#ffffff;text-decoration:none;border-radius:6px\">{WebUtility.HtmlEncode(link.Text)}</a></p>"
                       : string.Empty)
                   + $"<p>{WebUtility.HtmlEncode(clinic.Value.Name)}</p><p><small>To stop check-ins and reminders of due sessions, change your preferences under My appointments.</small></p>";
        // ON CONFLICT: another instance (or an earlier run) stored this reminder already.
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO outbox_messages (id, key, kind, "to", subject, text_body, html_body, due_at, status, attempts, created_at)
            VALUES ({Guid.CreateVersion7()}, {key}, {kind}, {to}, {subject}, {text}, {html}, {now}, 'Pending', 0, {now})
            ON CONFLICT (key) DO NOTHING
            """, cancellationToken);
    }
}

/// <summary>
/// Runs the scheduler every pause (Reminders:PollSeconds, 30 s) and the dispatcher then and at once when a
/// request queued a message (on every app instance; they share the work safely).
/// </summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, OutboxSignal signal, IConfiguration configuration, ILogger<ReminderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(configuration.GetValue("Reminders:PollSeconds", 30));
        var nextSchedule = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();

                // A wake-up (a request queued a message) only sends; reminders are looked for every pause.
                if (clock.GetUtcNow() >= nextSchedule)
                {
                    await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().ScheduleAsync(stoppingToken);
                    await scope.ServiceProvider.GetRequiredService<Housekeeping>().PurgeAsync(stoppingToken);
                    nextSchedule = clock.GetUtcNow() + pause;
                }

                while (await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(20, stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a moment: try again at the next round, nothing is lost.
                logger.LogWarning("Reminder round failed: {Error}", ex.GetType().Name);
            }

            try
            {
                await signal.WaitAsync(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
