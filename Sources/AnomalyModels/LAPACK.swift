import CLAPACK

enum LAPACK {
  static func probe() -> Int32 {
    var a: [Double] = [4, 2, 2, 3]
    return LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), 2, &a, 2)
  }
}
