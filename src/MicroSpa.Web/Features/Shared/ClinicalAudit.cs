using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Infrastructure;

namespace MicroSpa.Web.Features.Shared;

/// <summary>Writes audit entries for clinical records: who, when, which client, what. Entries are only ever added.</summary>
public sealed class ClinicalAudit(MicroSpaDbContext db, Actor actor, TimeProvider clock)
{
    public const string ChartView = "chart.view";
    public const string ChartOpen = "chart.open";
    public const string ChartSave = "chart.save";
    public const string ChartSign = "chart.sign";
    public const string ChartAddendum = "chart.addendum";
    public const string PlanView = "aftercare.view";

    /// <summary>A client's health screening answered (online while booking, or on the check-in tablet).</summary>
    public const string ScreeningAnswer = "screening.answer";

    /// <summary>A lot recall search: one entry per chart found (client, chart, the lot), or one without a client when none was.</summary>
    public const string RecallSearch = "recall.search";

    /// <summary>The medical director opened a client's clearance page (their screening flags and exams).</summary>
    public const string ClearanceView = "clearance.view";

    /// <summary>Adds the entry to the unit of work (saved with the change it records).</summary>
    public void Add(Guid? clientId, string action, Guid? subjectId, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, clientId, action, subjectId, clock.GetUtcNow(), detail, actor.Address));

    /// <summary>Records a read right away.</summary>
    public async Task RecordReadAsync(Guid clientId, string action, Guid subjectId, CancellationToken cancellationToken)
    {
        Add(clientId, action, subjectId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
