using Clawker.IO;

namespace Clawker.Tests.IO;

public sealed class RealPathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Real => RealPath.Resolve(_dir.Path);

    [Fact]
    public void A_folder_reached_through_links_at_any_depth_resolves_to_the_real_folder()
    {
        var repo = Directory.CreateDirectory(_dir.Combine("repo", "src")).Parent!.FullName;
        Directory.CreateDirectory(_dir.Combine("a", "b"));
        Directory.CreateSymbolicLink(_dir.Combine("a", "b", "to-repo"), "../../repo");   // relative
        Directory.CreateSymbolicLink(_dir.Combine("top"), _dir.Combine("a"));            // absolute

        RealPath.Resolve(_dir.Combine("top", "b", "to-repo", "src")).ShouldBe(Path.Combine(Real, "repo", "src"));
        RealPath.IsSameOrInside(_dir.Combine("top", "b", "to-repo"), repo).ShouldBeTrue();
        RealPath.IsSameOrInside(repo, _dir.Combine("top", "b", "to-repo", "src")).ShouldBeFalse();
    }

    [Fact]
    public void A_missing_tail_is_appended_to_the_resolved_part()
    {
        Directory.CreateDirectory(_dir.Combine("real"));
        Directory.CreateSymbolicLink(_dir.Combine("link"), _dir.Combine("real"));

        RealPath.Resolve(_dir.Combine("link", "not", "yet")).ShouldBe(Path.Combine(Real, "real", "not", "yet"));
    }

    [Fact]
    public void Dot_dot_after_a_link_leaves_the_link_target_not_the_link()
    {
        Directory.CreateDirectory(_dir.Combine("x", "deep"));
        Directory.CreateSymbolicLink(_dir.Combine("l"), _dir.Combine("x", "deep"));

        RealPath.Resolve(_dir.Combine("l", "..")).ShouldBe(Path.Combine(Real, "x"));
    }

    [Fact]
    public void A_relative_path_uses_the_base_folder()
    {
        RealPath.Resolve("sub", _dir.Path).ShouldBe(Path.Combine(Real, "sub"));
        RealPath.Resolve("/").ShouldBe("/");
    }

    [Fact]
    public void A_link_loop_is_an_IOException()
    {
        File.CreateSymbolicLink(_dir.Combine("l1"), _dir.Combine("l2"));
        File.CreateSymbolicLink(_dir.Combine("l2"), _dir.Combine("l1"));
        Should.Throw<IOException>(() => RealPath.Resolve(_dir.Combine("l1", "x")));
    }

    [Fact]
    public void A_sibling_with_a_common_prefix_is_not_inside()
    {
        RealPath.IsSameOrInsideResolved("/work/repo-other", "/work/repo").ShouldBeFalse();
        RealPath.IsSameOrInsideResolved("/work/repo/x", "/work/repo/").ShouldBeTrue();
        RealPath.IsSameOrInsideResolved("/anything", "/").ShouldBeTrue();
    }
}
