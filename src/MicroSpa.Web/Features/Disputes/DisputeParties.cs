using System.Globalization;
using MicroSpa.Data;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Disputes;

/// <summary>
/// Whose a dispute is: the client and the appointment recorded with it, or, for a dispute that arrived before its
/// payment was known (webhooks come in any order), those of the online payment found now by its charge or payment
/// intent.
/// </summary>
public static class DisputeParties
{
    public sealed record Party(Guid? PaymentId, Guid? ClientId, string? Client, Guid? AppointmentId, string? Appointment);

    public static async Task<IReadOnlyDictionary<string, Party>> ReadAsync(
        MicroSpaDbContext db, ClinicTimeZone zone, CultureInfo culture, IReadOnlyCollection<PaymentDispute> disputes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(disputes);
        var charges = disputes.Select(d => d.ChargeId).Distinct().ToList();
        var intents = disputes.Select(d => d.PaymentIntentId).OfType<string>().Distinct().ToList();
        var payments = await db.OnlinePayments.AsNoTracking()
            .Where(p => (p.ChargeId != null && charges.Contains(p.ChargeId)) || intents.Contains(p.PaymentIntentId))
            .Select(p => new { p.Id, p.ChargeId, p.PaymentIntentId, p.ClientId, p.AppointmentId })
            .ToListAsync(cancellationToken);
        var found = disputes.ToDictionary(d => d.Id, d => payments.FirstOrDefault(p => p.ChargeId == d.ChargeId)
            ?? payments.FirstOrDefault(p => d.PaymentIntentId is not null && p.PaymentIntentId == d.PaymentIntentId));
        var clientIds = disputes.Select(d => d.ClientId ?? found[d.Id]?.ClientId).OfType<Guid>().Distinct().ToList();
        var appointmentIds = disputes.Select(d => d.AppointmentId ?? found[d.Id]?.AppointmentId).OfType<Guid>().Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, cancellationToken);
        var appointments = await db.Appointments.AsNoTracking().Where(a => appointmentIds.Contains(a.Id))
            .Select(a => new { a.Id, a.StartsAt, Service = a.Service!.Name })
            .ToDictionaryAsync(a => a.Id, a => $"{a.Service}, {zone.ToLocal(a.StartsAt).ToString("g", culture)}", cancellationToken);
        return disputes.ToDictionary(d => d.Id, d =>
        {
            var payment = found[d.Id];
            var clientId = d.ClientId ?? payment?.ClientId;
            var appointmentId = d.AppointmentId ?? payment?.AppointmentId;
            return new Party(payment?.Id, clientId, clientId is { } c ? clients.GetValueOrDefault(c) : null,
                appointmentId, appointmentId is { } a ? appointments.GetValueOrDefault(a) : null);
        });
    }
}
