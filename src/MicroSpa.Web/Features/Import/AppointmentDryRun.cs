using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Imports;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The dry run of an appointments upload (decision 056): for every row, what confirming would do, with the reason.
/// Nothing is written.
/// <list type="bullet">
/// <item>Skip: a row that cannot be read (a date, a time the clocks skip, a status), a client not on file (found by the
/// other system's client ID as imported from this source, else the email, else the phone), a service or provider name
/// not mapped, a time that overlaps an appointment on file or an earlier row of the file with the same provider, no room
/// (or for a treatment, no device) free then, a completed or no-show visit in the future, a future booking the booking
/// rules refuse, the same appointment as an earlier row.</item>
/// <item>Unchanged: the row was imported before from this source.</item>
/// <item>Create: the appointment, with the room (and device) it would take; a booked visit in the past as completed, said.</item>
/// </list>
/// </summary>
public static class AppointmentDryRun
{
    public sealed record Finding(
        int Line, RowAction Action, string? Client, string? ServiceName, string? ProviderName, DateTimeOffset? Start, DateTimeOffset? End,
        AppointmentStatus? Status, string Detail, Plan? Plan, AppointmentRows.Row Row);

    /// <summary>What a Create would book: whose, what, with whom, where, when, as what.</summary>
    public sealed record Plan(
        Guid ClientId, Guid ServiceId, Guid ProviderId, Guid RoomId, Guid? DeviceId, DateTimeOffset Start, DateTimeOffset End, AppointmentStatus Status,
        string Origin);

    public sealed record Result(Guid UploadId, string SourceName, string FileName, bool Mapped, IReadOnlyList<Finding> Findings)
    {
        public int Count(RowAction action) => Findings.Count(f => f.Action == action);
    }

    private sealed record OnFile(Guid Id, string FirstName, string LastName, string? Email, string? Phone);

    private sealed record Busy(Guid ProviderId, Guid RoomId, Guid? DeviceId, DateTimeOffset Start, DateTimeOffset Until, int Line);

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ClinicTimeZone zone, IOptions<ClinicOptions> clinic)
    {
        /// <returns>Null when there is no such appointments upload of this Admin's (or it expired).</returns>
        public async Task<Result?> HandleAsync(Guid uploadId, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            return await Uploads.FindAsync(db, uploadId, actor.UserId, now, cancellationToken, ImportKind.Appointments) is { } upload
                ? await JudgeAsync(upload, now, cancellationToken)
                : null;
        }

        /// <summary>The dry run of an upload already opened (the confirm judges again, inside its transaction).</summary>
        public async Task<Result> JudgeAsync(ImportUpload upload, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (AppointmentRows.Read(upload, zone) is not { } rows)
            {
                return new Result(upload.Id, upload.SourceName, upload.FileName, false, []);
            }

            var sourceKey = ImportSource.KeyOf(upload.SourceName);
            var clients = await db.Clients.AsNoTracking().Where(c => c.MergedIntoId == null).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => new OnFile(c.Id, c.FirstName, c.LastName, c.Email, c.Phone)).ToListAsync(cancellationToken);
            // The other system's client IDs, as the clients file of this source brought them (a record merged since: the one kept).
            var byExternalId = await (from r in db.ImportedRows.AsNoTracking()
                                      where r.SourceKey == sourceKey && r.RowKey.StartsWith("id:")
                                      join c in db.Clients on r.ClientId equals c.Id
                                      select new { r.RowKey, ClientId = c.MergedIntoId ?? r.ClientId })
                .ToDictionaryAsync(r => r.RowKey[3..], r => r.ClientId, StringComparer.Ordinal, cancellationToken);
            var names = await db.ImportNameMaps.AsNoTracking().Where(m => m.SourceKey == sourceKey)
                .ToDictionaryAsync(m => (m.Kind, m.NameKey), m => m.TargetId, cancellationToken);
            var services = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
            var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
            var rooms = await db.Rooms.AsNoTracking().Where(r => r.InService).OrderBy(r => r.Name).ToListAsync(cancellationToken);
            var devices = await db.Devices.AsNoTracking().Where(d => d.InService).OrderBy(d => d.Name).ToListAsync(cancellationToken);
            var imported = await db.ImportedAppointments.AsNoTracking().Where(r => r.SourceKey == sourceKey)
                .Select(r => r.RowKey).ToListAsync(cancellationToken);

            var starts = rows.Where(r => r.Start is not null).Select(r => r.Start!.Value).ToList();
            var busy = new List<Busy>();
            if (starts.Count > 0)
            {
                var (from, to) = (starts.Min() - Appointment.LongestBlock, starts.Max() + Appointment.LongestBlock);
                busy = await db.Appointments.AsNoTracking()
                    .Where(a => a.StartsAt >= from && a.StartsAt <= to && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.NoShow)
                    .Select(a => new Busy(a.ProviderId, a.RoomId, a.DeviceId, a.StartsAt, a.BlockedUntil, 0)).ToListAsync(cancellationToken);
            }

            var context = new Context(clients, byExternalId, names, services, providers, rooms, devices, [.. imported], busy,
                PhoneKeys.RegionOf(clinic.Value.CultureInfo), upload.SourceName, zone, now);
            return new Result(upload.Id, upload.SourceName, upload.FileName, true, [.. rows.Select(context.Judge)]);
        }
    }

    private sealed class Context(
        IReadOnlyList<OnFile> clients, IReadOnlyDictionary<string, Guid> byExternalId, IReadOnlyDictionary<(ImportNameKind, string), Guid> names,
        IReadOnlyDictionary<Guid, Service> services, IReadOnlyDictionary<Guid, Provider> providers, IReadOnlyList<Room> rooms, IReadOnlyList<Device> devices,
        HashSet<string> imported, List<Busy> busy, string region, string source, ClinicTimeZone zone, DateTimeOffset now)
    {
        private readonly Dictionary<Guid, OnFile> _byId = clients.ToDictionary(c => c.Id);
        private readonly Dictionary<string, OnFile> _byEmail = clients.Where(c => c.Email is not null)
            .GroupBy(c => c.Email!.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        private readonly Dictionary<string, OnFile> _byPhone = clients.Select(c => (Key: PhoneKeys.KeyOf(c.Phone, region), Client: c))
            .Where(p => p.Key is not null).GroupBy(p => p.Key!).ToDictionary(g => g.Key, g => g.First().Client);
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public Finding Judge(AppointmentRows.Row row)
        {
            Finding Found(RowAction action, string detail, OnFile? client = null, AppointmentStatus? status = null, DateTimeOffset? end = null, Plan? plan = null) =>
                new(row.Line, action, client is null ? null : $"{client.FirstName} {client.LastName}", row.ServiceName, row.ProviderName, row.Start,
                    end ?? row.End, status ?? row.Status, detail, plan, row);

            if (row.Problems.Count > 0)
            {
                return Found(RowAction.Skip, string.Join(" ", row.Problems));
            }

            if (_seen.TryGetValue(row.RowKey, out var earlier))
            {
                return Found(RowAction.Skip, row.ExternalId is null ? $"The same appointment as line {earlier}." : $"The same appointment ID as line {earlier}.");
            }

            _seen[row.RowKey] = row.Line;
            if (imported.Contains(row.RowKey))
            {
                return Found(RowAction.Unchanged, "Imported before from this source: nothing to change.");
            }

            if (FindClient(row) is not { } client)
            {
                return Found(RowAction.Skip, "No client on file has this client ID, email or phone: import the clients first (from the same source, for its client IDs).");
            }

            if (!names.TryGetValue((ImportNameKind.Service, ImportNameMap.KeyOf(row.ServiceName!)), out var serviceId) || !services.TryGetValue(serviceId, out var service))
            {
                return Found(RowAction.Skip, $"The service “{row.ServiceName}” is not mapped to one of the clinic's services.", client);
            }

            if (!names.TryGetValue((ImportNameKind.Provider, ImportNameMap.KeyOf(row.ProviderName!)), out var providerId) || !providers.TryGetValue(providerId, out var provider))
            {
                return Found(RowAction.Skip, $"The provider “{row.ProviderName}” is not mapped to one of the clinic's providers.", client);
            }

            var (start, status) = (row.Start!.Value, row.Status!.Value);
            var end = row.End ?? start + TimeSpan.FromMinutes(row.DurationMinutes ?? service.DurationMinutes);
            var notes = new List<string>();
            if (status == AppointmentStatus.Booked && start < now)
            {
                status = AppointmentStatus.Completed;
                notes.Add("Booked in the file but in the past: imported as completed.");
            }

            if (status is AppointmentStatus.Completed or AppointmentStatus.NoShow && start > now)
            {
                return Found(RowAction.Skip, $"{(status == AppointmentStatus.NoShow ? "A no-show" : "Completed")} in the file, but it starts in the future.", client, status, end);
            }

            var holds = status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow);
            var until = status == AppointmentStatus.Booked ? end + service.BufferAfter : end;
            bool Overlaps(Busy b) => b.Start < until && start < b.Until;
            Room? room = rooms.FirstOrDefault();
            Device? device = null;
            if (holds)
            {
                if (busy.FirstOrDefault(b => b.ProviderId == provider.Id && Overlaps(b)) is { } clash)
                {
                    return Found(RowAction.Skip, clash.Line > 0
                        ? $"Overlaps line {clash.Line}, with the same provider ({provider.DisplayName})."
                        : $"Overlaps an appointment on file with {provider.DisplayName} at {zone.ToLocal(clash.Start):yyyy-MM-dd HH:mm}: it is not booked twice.",
                        client, status, end);
                }

                room = rooms.FirstOrDefault(r => !busy.Any(b => b.RoomId == r.Id && Overlaps(b)));
                if (room is null)
                {
                    return Found(RowAction.Skip, "No room is free at that time (every room has an appointment on file or of an earlier line).", client, status, end);
                }

                if (status == AppointmentStatus.Booked && service.NeedsDevice)
                {
                    device = devices.FirstOrDefault(d => !busy.Any(b => b.DeviceId == d.Id && Overlaps(b)));
                    if (device is null)
                    {
                        return Found(RowAction.Skip, $"No device is free at that time for {service.Name}.", client, status, end);
                    }
                }
            }

            if (room is null)
            {
                return Found(RowAction.Skip, "The clinic has no room in service to record the appointment in.", client, status, end);
            }

            var origin = $"Imported from {source} ({row.StatusText ?? "booked"} there)" + (row.Notes is { } said ? $". Notes from there: {said}" : string.Empty);
            try
            {
                // The appointment's own rules, as the confirm will meet them (nothing is saved here).
                Appointment.Import(client.Id, service, provider, room, device, start, end, status, origin, now, new ChangedBy(null, source));
            }
            catch (DomainException refused)
            {
                return Found(RowAction.Skip, refused.Message, client, status, end);
            }

            if (holds)
            {
                busy.Add(new Busy(provider.Id, room.Id, device?.Id, start, until, row.Line));
            }

            if (row.TimeNote is { } timeNote)
            {
                notes.Add(timeNote);
            }

            if (origin.Length > FieldLengths.Description)
            {
                // The history keeps 1,000 characters with the import's own words (review 13:40, L6): said here, not cut unseen.
                notes.Add($"The notes are too long to keep whole: their first {Math.Max(0, row.Notes!.Length - (origin.Length - FieldLengths.Description))} of {row.Notes!.Length} characters are kept.");
            }

            var what = status switch
            {
                AppointmentStatus.Booked => "A booking",
                AppointmentStatus.Completed => "A past visit",
                AppointmentStatus.Cancelled => "A cancelled appointment (holds no time)",
                _ => "A no-show (holds no time)",
            };
            notes.Insert(0, $"{what}: {service.Name} with {provider.DisplayName} in {room.Name}{(device is null ? "" : $" with {device.Name}")}.");
            return Found(RowAction.Create, string.Join(" ", notes), client, status, end,
                new Plan(client.Id, service.Id, provider.Id, room.Id, device?.Id, start, end, status, origin));
        }

        private OnFile? FindClient(AppointmentRows.Row row)
        {
            if (row.ClientExternalId is { } id && byExternalId.TryGetValue(id, out var clientId) && _byId.TryGetValue(clientId, out var byId))
            {
                return byId;
            }

            if (row.Email is { } email && _byEmail.TryGetValue(email.ToLowerInvariant(), out var byEmail))
            {
                return byEmail;
            }

            return PhoneKeys.KeyOf(row.Phone, region) is { } phone && _byPhone.TryGetValue(phone, out var byPhone) ? byPhone : null;
        }
    }
}
