using System.Globalization;
using System.Net;
using MicroSpa.Data;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Memberships;

/// <summary>
/// The client is emailed at each step of a membership (issue 19): joined, a month paid, a charge failed, a month owed at the desk,
/// paused, resumed, notice given, ended. Each through the outbox in the caller's transaction, keyed so a step is told once
/// whichever instance does it. The email names the plan and the dates, never anything clinical.
/// </summary>
public sealed class MembershipEmails(MicroSpaDbContext db, OutboxQueue outbox, PublicLinks links, ClinicMoney money, IOptions<ClinicOptions> clinic)
{
    public async Task QueueAsync(Guid clientId, string key, string kind, string subject, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (await db.Outbox.AnyAsync(m => m.Key == key, cancellationToken))
        {
            return;
        }

        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId && c.Email != null)
            .Select(c => new { c.FirstName, c.Email }).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return;
        }

        var name = clinic.Value.Name;
        var wallet = links.Action("Index", "MyWallet");
        var text = $"Hello {client.FirstName},\n\n{string.Join("\n\n", lines)}\n\nYour membership: {wallet}\n\n{name}\n";
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<p>Hello {E(client.FirstName)},</p>{string.Concat(lines.Select(l => $"<p>{E(l)}</p>"))}<p><a href=\"{E(wallet)}\">My wallet</a></p><p>{E(name)}</p>");
        outbox.Add(key, kind, new EmailMessage(client.Email!, $"{name}: {subject}", text, html));
    }

    public string Day(DateOnly day) => day.ToString("dddd d MMMM yyyy", clinic.Value.CultureInfo);

    public string Amount(decimal amount) => money.Format(amount);

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
