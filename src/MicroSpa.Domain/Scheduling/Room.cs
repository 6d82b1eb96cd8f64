namespace MicroSpa.Domain.Scheduling;

/// <summary>A treatment room. One appointment at a time.</summary>
public sealed class Room
{
    private Room()
    {
        Name = string.Empty;
    }

    public Room(string name)
    {
        Id = Guid.CreateVersion7();
        Name = RequireName(name);
        InService = true;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public bool InService { get; private set; }

    public void Rename(string name) => Name = RequireName(name);

    public void TakeOutOfService() => InService = false;

    public void ReturnToService() => InService = true;

    private static string RequireName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FieldLengths.ShortName)
        {
            throw new DomainException($"Enter a room name of 1 to {FieldLengths.ShortName} characters.", nameof(Name));
        }

        return trimmed;
    }
}
