using System.Globalization;
using System.Net;
using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Emails about an appointment: confirmed, moved, cancelled; each with its calendar file. They are put
/// into the outbox in the caller's unit of work (saved with the change they announce) and sent by the
/// dispatcher, which retries them.
/// </summary>
public sealed class AppointmentEmails(
    MicroSpaDbContext db,
    OutboxQueue outbox,
    ClinicTimeZone zone,
    IOptions<ClinicOptions> clinic,
    PublicLinks links,
    ClinicMoney money,
    TimeProvider clock,
    ILogger<AppointmentEmails> logger)
{
    /// <summary>What to do before a microneedling visit (DOMAIN.md).</summary>
    public static readonly IReadOnlyList<string> PreVisitInstructions =
    [
        "Stop retinoids (retinol, tretinoin), exfoliating acids and vitamin C on the area 5 days before.",
        "Avoid sunburn and tanning for 2 weeks before, and self-tanner for 48 hours before.",
        "Arrive with clean skin and no makeup on the area.",
        "Tell us before your visit if your health, medication or skin has changed since your screening (a cold sore, a new prescription, pregnancy).",
    ];

    /// <summary>Queues the confirmation of a new appointment (call before saving it).</summary>
    public Task QueueConfirmationAsync(Appointment appointment, CancellationToken cancellationToken) =>
        QueueAsync(appointment, "booked", "Your appointment is booked", "Your appointment is booked.", includeInstructions: true, cancelled: false, cancellationToken);

    /// <summary>
    /// Queues the confirmation of an appointment booked by its payment online, with what was paid or kept in the
    /// client's words (<paramref name="payment"/>: "Deposit paid: $50.00 …", or "Your card is saved, nothing is charged today.").
    /// </summary>
    public Task QueueConfirmationAsync(Appointment appointment, string payment, CancellationToken cancellationToken) =>
        QueueAsync(appointment, "booked", "Your appointment is booked", "Your appointment is booked.", includeInstructions: true, cancelled: false, cancellationToken, payment);

    /// <summary>Queues the news of a move (call after changing the appointment, before saving it).</summary>
    public Task QueueRescheduledAsync(Appointment appointment, CancellationToken cancellationToken) =>
        QueueAsync(appointment, "moved", "Your appointment has moved", "Your appointment has moved to a new time.", includeInstructions: true, cancelled: false, cancellationToken);

    public Task QueueCancellationAsync(Appointment appointment, CancellationToken cancellationToken) =>
        QueueAsync(appointment, "cancelled", "Your appointment is cancelled", "Your appointment is cancelled.", includeInstructions: false, cancelled: true, cancellationToken);

    /// <summary>
    /// Queues "we missed you" after the desk marks a no-show (call after marking it, before saving): the visit missed, the
    /// clinic's cancellation policy with its no-show fee when one is set (worked out on the price booked, as the desk's
    /// fee page does), and a link to book the service again. No calendar file: there is nothing to put in a calendar.
    /// </summary>
    public async Task QueueMissedAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var appointmentId = appointment.Id;
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == appointment.ClientId).Select(c => new { c.Email, c.FirstName }).SingleAsync(cancellationToken);
        if (client.Email is not { } to)
        {
            logger.LogInformation("No email on file for appointment {AppointmentId}: 'we missed you' not sent", appointmentId);
            return;
        }

        var service = await db.Services.AsNoTracking().Where(s => s.Id == appointment.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken);
        var provider = await db.Providers.AsNoTracking().Where(p => p.Id == appointment.ProviderId).Select(p => p.DisplayName).SingleAsync(cancellationToken);
        var cutoff = await db.BookingPolicies.AsNoTracking().Select(p => p.CancellationCutoffHours).SingleAsync(cancellationToken);
        var noShowFee = (await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken)).PaymentRules.NoShowFee;
        var fee = noShowFee.Of(money.Of(appointment.PriceAtBooking));

        var settings = clinic.Value;
        var culture = settings.CultureInfo;
        var local = zone.ToLocal(appointment.StartsAt);
        var when = local.ToString("dddd d MMMM yyyy, ", culture) + local.ToString("t", culture);
        var call = string.IsNullOrEmpty(settings.Phone) ? "please call us" : $"please call us at {settings.Phone}";
        var paragraphs = new List<string>
        {
            $"We missed you at your appointment on {when} ({service} with {provider}).",
            $"Our policy: you can cancel or reschedule online until {(cutoff == 1 ? "1 hour" : $"{cutoff} hours")} before an appointment; after that, {call}.",
        };
        if (fee.Amount > 0m)
        {
            paragraphs.Add(noShowFee.Kind == Domain.Billing.ChargeKind.Percent
                ? $"An appointment missed without cancelling has a no-show fee of {noShowFee.Describe(money.Format, money.Currency).Replace("the price", "the service's price", StringComparison.Ordinal)}: {money.Format(fee)} for this visit."
                : $"An appointment missed without cancelling has a no-show fee of {money.Format(fee)}.");
        }

        var bookAgain = links.Action("Options", "ChooseTime", new { serviceId = appointment.ServiceId });
        var myAppointments = links.Action("Index", "MyAppointments");

        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hello {client.FirstName},").AppendLine();
        foreach (var paragraph in paragraphs)
        {
            text.AppendLine(paragraph).AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Book a new time: {bookAgain}")
            .AppendLine(CultureInfo.InvariantCulture, $"Your appointments: {myAppointments}").AppendLine().AppendLine(settings.Name);

        var html = new System.Text.StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p>Hello {E(client.FirstName)},</p>");
        foreach (var paragraph in paragraphs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(paragraph)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(bookAgain)}\">Book a new time</a> · <a href=\"{E(myAppointments)}\">Your appointments</a></p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{E(settings.Name)}</p>");

        // One per no-show: the appointment is a no-show once (the domain refuses a second mark).
        outbox.Add($"missed:{appointmentId}", "appointment-missed",
            new EmailMessage(to, $"{settings.Name}: we missed you", text.ToString(), html.ToString(), []));
    }

    private async Task QueueAsync(
        Appointment appointment, string kind, string subject, string headline, bool includeInstructions, bool cancelled, CancellationToken cancellationToken,
        string? payment = null)
    {
        var appointmentId = appointment.Id;
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == appointment.ClientId).Select(c => new { c.Email, c.FirstName }).SingleAsync(cancellationToken);
        if (client.Email is not { } to)
        {
            logger.LogInformation("No email on file for appointment {AppointmentId}: '{Subject}' not sent", appointmentId, subject);
            return;
        }

        var service = await db.Services.AsNoTracking().Where(s => s.Id == appointment.ServiceId).Select(s => new { s.Name, s.Price }).SingleAsync(cancellationToken);
        var provider = await db.Providers.AsNoTracking().Where(p => p.Id == appointment.ProviderId).Select(p => p.DisplayName).SingleAsync(cancellationToken);

        // A new appointment carries its areas; one loaded for a change may not have them loaded.
        var areaNames = appointment.BodyAreas.Count > 0
            ? appointment.BodyAreas.OrderBy(b => b.SortOrder).Select(b => b.Name).ToList()
            : await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
                .SelectMany(a => a.BodyAreas.OrderBy(b => b.SortOrder).Select(b => b.Name)).ToListAsync(cancellationToken);
        var details = new
        {
            appointment.StartsAt, appointment.EndsAt, client.FirstName, Service = service.Name, service.Price, Provider = provider, Areas = areaNames,
        };

        var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
        var settings = clinic.Value;
        var culture = settings.CultureInfo;
        var when = zone.ToLocal(details.StartsAt).ToString("dddd d MMMM yyyy, ", culture) + zone.ToLocal(details.StartsAt).ToString("t", culture);
        var areas = details.Areas.Count > 0 ? string.Join(", ", details.Areas) : "—";
        var myAppointments = links.Action("Index", "MyAppointments");
        var facts = new List<(string Label, string Value)>
        {
            ("When", when),
            ("Treatment", details.Service),
            ("Areas", areas),
            ("With", details.Provider),
            ("Price", details.Price.ToString("C", culture)),
            ("Where", string.IsNullOrEmpty(settings.Address) ? settings.Name : $"{settings.Name}, {settings.Address}"),
        };
        var policyText = $"You can cancel or reschedule online until {policy.CancellationCutoffHours} hours before your appointment; after that, please call us"
            + (string.IsNullOrEmpty(settings.Phone) ? "." : $" at {settings.Phone}.");

        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hello {details.FirstName},").AppendLine().AppendLine(headline).AppendLine();
        if (payment is not null)
        {
            text.AppendLine(payment).AppendLine();
        }

        foreach (var (label, value) in facts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
        }

        if (includeInstructions)
        {
            text.AppendLine().AppendLine("Before your visit:");
            foreach (var instruction in PreVisitInstructions)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {instruction}");
            }

            text.AppendLine().AppendLine(policyText);
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Your appointments: {myAppointments}");

        text.AppendLine().AppendLine(settings.Name);

        var html = new System.Text.StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p>Hello {E(details.FirstName)},</p><p><strong>{E(headline)}</strong></p>");
        if (payment is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(payment)}</p>");
        }

        html.Append("<table>");
        foreach (var (label, value) in facts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{E(label)}</th><td>{E(value)}</td></tr>");
        }

        html.Append("</table>");
        if (includeInstructions)
        {
            html.Append("<p>Before your visit:</p><ul>");
            foreach (var instruction in PreVisitInstructions)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(instruction)}</li>");
            }

            html.Append(CultureInfo.InvariantCulture, $"</ul><p>{E(policyText)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(myAppointments)}\">Your appointments</a></p>");

        var ics = CalendarInvite.Create(appointmentId, details.StartsAt, details.EndsAt, $"{details.Service} at {settings.Name}",
            facts.Single(f => f.Label == "Where").Value, $"{details.Service} ({areas}) with {details.Provider}.", clock.GetUtcNow(), cancelled);
        // Each change is its own message (an appointment may move twice); the change's transaction keeps it single.
        outbox.Add($"{kind}:{appointmentId}:{Guid.CreateVersion7():N}", $"appointment-{kind}",
            new EmailMessage(to, $"{settings.Name}: {subject}", text.ToString(), html.ToString(),
                [new EmailAttachment("appointment.ics", "text/calendar", ics)]));
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
