//! Arrays, a layer below the modules: the element storage (`storage.rs`:
//! dtypes, scalars, the shared atomic buffer) and the n-d array core
//! (`ndarray.rs`: layout, views, element access), shared by `modules/numpy`
//! (the Python-facing `numpy` module) and `kernel/` (GIL-free loops over
//! the same buffers).

pub mod ndarray;
pub mod storage;
