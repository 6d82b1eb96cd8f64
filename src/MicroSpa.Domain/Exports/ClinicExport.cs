namespace MicroSpa.Domain.Exports;

public enum ClinicExportStatus
{
    /// <summary>Asked for; waiting for a worker to take it.</summary>
    Queued = 1,

    /// <summary>Being written by one worker (its heartbeat says it is alive).</summary>
    Running = 2,

    /// <summary>Written and stored; downloadable until it expires.</summary>
    Ready = 3,

    /// <summary>Writing stopped (an error, or the worker was stopped); nothing is kept.</summary>
    Failed = 4,

    /// <summary>The download link ran out and the stored archive was deleted.</summary>
    Expired = 5,
}

/// <summary>
/// An export of the whole clinic (decision 046): asked for by an Admin, written in the background by exactly one worker,
/// then kept for <see cref="KeptFor"/> and deleted. Its progress is what the Admin's page shows.
/// </summary>
public sealed class ClinicExport
{
    /// <summary>How long a finished archive can be downloaded.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>A running export whose worker has not been heard of for this long has stopped (its instance went away).</summary>
    public static readonly TimeSpan SilentFor = TimeSpan.FromMinutes(10);

    private ClinicExport()
    {
        RequestedByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public ClinicExportStatus Status { get; private set; }
    public Guid RequestedBy { get; private set; }
    public string RequestedByName { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the worker last said how far it was.</summary>
    public DateTimeOffset? HeartbeatAt { get; private set; }

    /// <summary>Rows and photos written, of <see cref="Total"/>.</summary>
    public long Done { get; private set; }

    public long Total { get; private set; }

    /// <summary>The file being written (a file name, never a record's content).</summary>
    public string? CurrentFile { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public long? SizeBytes { get; private set; }

    /// <summary>The stored pieces of the archive.</summary>
    public int Parts { get; private set; }

    /// <summary>Why it failed, in a few words (an error's type, never its message).</summary>
    public string? Failure { get; private set; }

    public int Percent => Status == ClinicExportStatus.Ready ? 100 : Total <= 0 ? 0 : (int)Math.Min(99, Done * 100 / Total);

    public bool InProgress => Status is ClinicExportStatus.Queued or ClinicExportStatus.Running;

    public static ClinicExport Request(Guid userId, string userName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Status = ClinicExportStatus.Queued,
        RequestedBy = userId,
        RequestedByName = userName.Length > FieldLengths.Email ? userName[..FieldLengths.Email] : userName,
        RequestedAt = now,
    };

    public void Start(DateTimeOffset now)
    {
        Require(ClinicExportStatus.Queued, "start");
        Status = ClinicExportStatus.Running;
        StartedAt = HeartbeatAt = now;
    }

    public void Advance(long done, long total, string file, DateTimeOffset now)
    {
        Require(ClinicExportStatus.Running, "advance");
        (Done, Total, CurrentFile, HeartbeatAt) = (Math.Max(0, done), Math.Max(0, total), file.Length > 200 ? file[..200] : file, now);
    }

    public void Finish(long sizeBytes, int parts, DateTimeOffset now)
    {
        Require(ClinicExportStatus.Running, "finish");
        Status = ClinicExportStatus.Ready;
        (SizeBytes, Parts, FinishedAt, HeartbeatAt, ExpiresAt, Done) = (sizeBytes, parts, now, now, now + KeptFor, Total);
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        if (!InProgress)
        {
            throw new DomainException($"An export that is {Status} cannot fail.");
        }

        Status = ClinicExportStatus.Failed;
        Failure = reason.Length > 100 ? reason[..100] : reason;
        FinishedAt = now;
    }

    public void Expire()
    {
        Require(ClinicExportStatus.Ready, "expire");
        Status = ClinicExportStatus.Expired;
        Parts = 0;
    }

    /// <summary>Whether its archive may be downloaded now.</summary>
    public bool IsDownloadable(DateTimeOffset now) => Status == ClinicExportStatus.Ready && now < ExpiresAt;

    /// <summary>Whether its link has run out (the archive is deleted or about to be).</summary>
    public bool HasExpired(DateTimeOffset now) => Status == ClinicExportStatus.Expired || (Status == ClinicExportStatus.Ready && now >= ExpiresAt);

    /// <summary>Whether a running export's worker has gone silent.</summary>
    public bool IsSilent(DateTimeOffset now) => Status == ClinicExportStatus.Running && now - (HeartbeatAt ?? StartedAt ?? RequestedAt) > SilentFor;

    private void Require(ClinicExportStatus status, string what)
    {
        if (Status != status)
        {
            throw new DomainException($"An export that is {Status} cannot {what}.");
        }
    }
}
