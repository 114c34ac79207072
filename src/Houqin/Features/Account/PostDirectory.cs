namespace Houqin.Features.Account;

/// <summary>A post (岗位) someone holds, as <c>/api/v1/me</c> shows it.</summary>
public sealed record HeldPost(string Code, string Name);

/// <summary>
/// The posts a user holds. Posts belong to Organisation; Account only asks, so it does not depend on
/// Organisation's tables. Organisation registers the real directory, which replaces <see cref="NoPosts"/>.
/// </summary>
public interface IPostDirectory
{
    Task<IReadOnlyList<HeldPost>> PostsOfAsync(Guid userId, CancellationToken ct);
}

/// <summary>Until a module that knows posts registers its directory, nobody holds any.</summary>
internal sealed class NoPosts : IPostDirectory
{
    public Task<IReadOnlyList<HeldPost>> PostsOfAsync(Guid userId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<HeldPost>>([]);
}
