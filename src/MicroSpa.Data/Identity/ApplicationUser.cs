using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Data.Identity;

/// <summary>One account type for clients and staff; what a person may do comes from their roles.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public ApplicationUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}
