using System.Globalization;
using System.Net;
using MicroSpa.Data;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Charts;

/// <summary>Emails the client their dated aftercare plan when the chart is signed (queued with the signature).</summary>
public sealed class AftercareEmails(
    MicroSpaDbContext db, OutboxQueue outbox, IOptions<ClinicOptions> clinic, PublicLinks links)
{
    /// <summary>Queues the plan's email in the signing unit of work (call before saving).</summary>
    public async Task QueueAsync(AftercarePlan plan, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == plan.ClientId).Select(c => new { c.Email, c.FirstName }).SingleAsync(cancellationToken);
        if (client.Email is not { } to)
        {
            return;
        }

        var settings = clinic.Value;
        var link = links.Action("Aftercare", "MyAppointments", new { id = plan.AppointmentId });
        var text = new System.Text.StringBuilder();
        var html = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hello {client.FirstName},").AppendLine().AppendLine("Here is your aftercare plan.");
        html.Append(CultureInfo.InvariantCulture, $"<p>Hello {E(client.FirstName)},</p><p>Here is your aftercare plan.</p>");
        foreach (var group in plan.Items.GroupBy(i => i.Kind).OrderBy(g => g.Key))
        {
            text.AppendLine().AppendLine(AftercareHeadings.Of(group.Key) + ":");
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(AftercareHeadings.Of(group.Key))}</h3><ul>");
            foreach (var item in group)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {item.Text}");
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(item.Text)}</li>");
            }

            html.Append("</ul>");
        }

        var call = string.IsNullOrEmpty(settings.Phone) ? "Call the clinic" : $"Call us at {settings.Phone}";
        text.AppendLine().AppendLine(call + " if anything worries you.");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(call)} if anything worries you.</p>");
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Your plan online (printable): {link}");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(link)}\">Your plan online (printable)</a></p>");

        text.AppendLine().AppendLine(settings.Name);
        outbox.Add($"aftercare:{plan.Id}", "aftercare-plan", new EmailMessage(to, $"{settings.Name}: your aftercare plan", text.ToString(), html.ToString()));
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
