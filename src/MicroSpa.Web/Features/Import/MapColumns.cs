using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The Admin maps each column of an upload to a client field (or none) and says in which order the file writes dates; the
/// mapping is kept on the upload and remembered for its source, for the next file from there.
/// </summary>
public static class MapColumns
{
    public sealed class Command
    {
        /// <summary>A field's name per column, in the file's order.</summary>
        public List<string> Fields { get; set; } = [];

        /// <summary>Dates are written day first (31/12/1990).</summary>
        public bool DayFirst { get; set; }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such upload of this Admin's (or it expired).</returns>
        public async Task<Outcome?> HandleAsync(Guid uploadId, Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await Uploads.FindAsync(db, uploadId, actor.UserId, now, cancellationToken) is not { } upload)
            {
                return null;
            }

            if (Refusal(upload.Headers, command.Fields) is { } refused)
            {
                return refused;
            }

            upload.Map(command.Fields, command.DayFirst);
            await RememberAsync(upload, command, now, cancellationToken);
            logger.LogInformation("Import upload {UploadId} mapped: {Mapped} of {Columns} columns", upload.Id,
                command.Fields.Count(f => f != nameof(ClientField.None)), upload.Headers.Count);
            return Outcome.Success;
        }

        private async Task RememberAsync(ImportUpload upload, Command command, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var key = ImportSource.KeyOf(upload.SourceName);
            for (var attempt = 1; ; attempt++)
            {
                var source = await db.ImportSources.SingleOrDefaultAsync(s => s.NameKey == key, cancellationToken);
                if (source is null)
                {
                    source = new ImportSource(upload.SourceName, now);
                    db.ImportSources.Add(source);
                }

                source.Remember(upload.Headers, command.Fields, command.DayFirst, now);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException e) when (attempt == 1 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // Another Admin named the same source a moment ago: remember the mapping on theirs.
                    db.Entry(source).State = EntityState.Detached;
                }
            }
        }

        /// <summary>What is wrong with a mapping, field by field (one column per field; names; a way to reach each client).</summary>
        private static Outcome? Refusal(IReadOnlyList<string> headers, IReadOnlyList<string> posted)
        {
            if (posted.Count != headers.Count)
            {
                return Outcome.Fail("Choose a field (or Not imported) for every column of the file.");
            }

            var errors = new List<FieldError>();
            var fields = new ClientField[posted.Count];
            var firstColumn = new Dictionary<ClientField, int>();
            for (var i = 0; i < posted.Count; i++)
            {
                if (!Enum.TryParse(posted[i], out fields[i]) || !Enum.IsDefined(fields[i]))
                {
                    errors.Add(new FieldError($"Fields[{i}]", "Choose a field from the list."));
                }
                else if (fields[i] != ClientField.None && !firstColumn.TryAdd(fields[i], i))
                {
                    errors.Add(new FieldError($"Fields[{i}]", $"{ClientFields.Label(fields[i])} is already filled by the column “{headers[firstColumn[fields[i]]]}”."));
                }
            }

            var has = fields.ToHashSet();
            if (has.Contains(ClientField.FullName) && (has.Contains(ClientField.FirstName) || has.Contains(ClientField.LastName)))
            {
                errors.Add(new FieldError(string.Empty, "Map either a full name column or the first and last name columns, not both."));
            }
            else if (!has.Contains(ClientField.FullName) && !(has.Contains(ClientField.FirstName) && has.Contains(ClientField.LastName)))
            {
                errors.Add(new FieldError(string.Empty, "Map the first name and the last name columns (or one column of full names)."));
            }

            if (!has.Contains(ClientField.Email) && !has.Contains(ClientField.Phone))
            {
                errors.Add(new FieldError(string.Empty, "Map the email or the phone column: every client needs one way to be reached."));
            }

            return errors.Count == 0 ? null : new Outcome(errors);
        }
    }
}
