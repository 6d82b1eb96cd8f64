using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The Admin maps each column of an appointments upload to an appointment field (decision 056) and says in which order
/// its dates are written; kept on the upload and remembered for its source (apart from its client files' columns).
/// </summary>
public static class MapAppointmentColumns
{
    public sealed class Command
    {
        /// <summary>A field's name per column, in the file's order.</summary>
        public List<string> Fields { get; set; } = [];

        /// <summary>Dates are written day first (31/12/2026).</summary>
        public bool DayFirst { get; set; }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointments upload of this Admin's (or it expired).</returns>
        public async Task<Outcome?> HandleAsync(Guid uploadId, Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await Uploads.FindAsync(db, uploadId, actor.UserId, now, cancellationToken, ImportKind.Appointments) is not { } upload)
            {
                return null;
            }

            if (Refusal(upload.Headers, command.Fields) is { } refused)
            {
                return refused;
            }

            upload.Map(command.Fields, command.DayFirst);
            var key = ImportSource.KeyOf(upload.SourceName);
            var headers = upload.Headers.Select(h => AppointmentRows.HeaderPrefix + h).ToList();
            for (var attempt = 1; ; attempt++)
            {
                var source = await db.ImportSources.SingleOrDefaultAsync(s => s.NameKey == key, cancellationToken);
                if (source is null)
                {
                    source = new ImportSource(upload.SourceName, now);
                    db.ImportSources.Add(source);
                }

                source.Remember(headers, command.Fields, command.DayFirst, now);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    break;
                }
                catch (DbUpdateException e) when (attempt == 1 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    db.Entry(source).State = EntityState.Detached;
                }
            }

            logger.LogInformation("Import upload {UploadId} mapped as appointments: {Mapped} of {Columns} columns", upload.Id,
                command.Fields.Count(f => f != nameof(AppointmentField.None)), upload.Headers.Count);
            return Outcome.Success;
        }

        /// <summary>What is wrong with a mapping: one column per field; a client, a service, a provider and a start.</summary>
        private static Outcome? Refusal(IReadOnlyList<string> headers, IReadOnlyList<string> posted)
        {
            if (posted.Count != headers.Count)
            {
                return Outcome.Fail("Choose a field (or Not imported) for every column of the file.");
            }

            var errors = new List<FieldError>();
            var fields = new AppointmentField[posted.Count];
            var firstColumn = new Dictionary<AppointmentField, int>();
            for (var i = 0; i < posted.Count; i++)
            {
                if (!Enum.TryParse(posted[i], out fields[i]) || !Enum.IsDefined(fields[i]) || int.TryParse(posted[i], out _))
                {
                    errors.Add(new FieldError($"Fields[{i}]", "Choose a field from the list."));
                }
                else if (fields[i] != AppointmentField.None && !firstColumn.TryAdd(fields[i], i))
                {
                    errors.Add(new FieldError($"Fields[{i}]",
                        $"{AppointmentFields.Label(fields[i])} is already filled by the column “{headers[firstColumn[fields[i]]]}”."));
                }
            }

            var has = fields.ToHashSet();
            if (!has.Contains(AppointmentField.ClientId) && !has.Contains(AppointmentField.ClientEmail) && !has.Contains(AppointmentField.ClientPhone))
            {
                errors.Add(new FieldError(string.Empty, "Map the client's ID in the other system, email or phone: each appointment must find its client."));
            }

            foreach (var (field, message) in new[]
            {
                (AppointmentField.Service, "Map the service column."),
                (AppointmentField.Provider, "Map the provider column."),
                (AppointmentField.Start, "Map the start column (a date and time, or a date with a start time column)."),
            })
            {
                if (!has.Contains(field))
                {
                    errors.Add(new FieldError(string.Empty, message));
                }
            }

            if (has.Contains(AppointmentField.End) && has.Contains(AppointmentField.Duration))
            {
                errors.Add(new FieldError(string.Empty, "Map either the end or the duration column, not both."));
            }

            return errors.Count == 0 ? null : new Outcome(errors);
        }
    }
}
