namespace Tessera.Imaging.Deconvolution;

/// <summary>Work on one z-plane of the padded volume; planes are independent.</summary>
internal interface IPlaneBody
{
    void Run(int plane);
}
