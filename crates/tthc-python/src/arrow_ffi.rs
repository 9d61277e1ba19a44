//! Arrow arrays across the boundary with Python, by the Arrow PyCapsule interface
//! (`__arrow_c_array__`): pyarrow, Polars, DuckDB and nanoarrow all speak it, and the
//! buffers are shared, not copied. The only `unsafe` of the module is here, where a
//! capsule's pointer is read as the C data interface's structs.
#![allow(unsafe_code)]

use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema, from_ffi, to_ffi};
use arrow_array::{Array, ArrayRef, make_array};
use arrow_data::ArrayData;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods, PyTuple};

const SCHEMA: &std::ffi::CStr = c"arrow_schema";
const ARRAY: &std::ffi::CStr = c"arrow_array";

/// The array an object exports through `__arrow_c_array__` (a `pyarrow.Array`, a
/// `pyarrow.RecordBatch` as a struct array, a nanoarrow array...).
pub fn import(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<ArrayRef> {
    let py = obj.py();
    let Some(method) = obj.getattr_opt(pyo3::intern!(py, "__arrow_c_array__"))? else {
        return Err(PyTypeError::new_err(format!(
            "{field} must be an Arrow array (an object with __arrow_c_array__, such as a pyarrow.Array), not {}",
            obj.get_type().name()?
        )));
    };
    let pair = method.call0()?;
    let (schema, array): (Bound<'_, PyCapsule>, Bound<'_, PyCapsule>) = pair
        .extract()
        .map_err(|_| PyTypeError::new_err("__arrow_c_array__ must return two capsules"))?;
    let schema_ptr = schema
        .pointer_checked(Some(SCHEMA))?
        .cast::<FFI_ArrowSchema>();
    let array_ptr = array.pointer_checked(Some(ARRAY))?.cast::<FFI_ArrowArray>();
    // SAFETY: the capsules are named as the PyCapsule interface names them, so they hold
    // an ArrowSchema and an ArrowArray. The array is moved out (its release callback
    // becomes ours and the capsule's is left empty, as the interface requires of a
    // consumer); the schema is only borrowed while the capsule is alive.
    let data = unsafe {
        let array = FFI_ArrowArray::from_raw(array_ptr.as_ptr());
        from_ffi(array, schema_ptr.as_ref())
    }
    .map_err(|e| PyValueError::new_err(format!("{field}: {e}")))?;
    Ok(make_array(data))
}

/// An array produced here, handed to Python as an object with `__arrow_c_array__`
/// (`pyarrow.record_batch(obj)` or `pyarrow.array(obj)` takes it without a copy).
#[pyclass(module = "tthc", name = "ArrowArray", frozen)]
pub struct Exported {
    data: ArrayData,
}

impl Exported {
    /// Wraps an array.
    pub fn new(array: &dyn Array) -> Exported {
        Exported {
            data: array.to_data(),
        }
    }
}

#[pymethods]
impl Exported {
    /// The PyCapsule interface: a schema capsule and an array capsule. Each call exports
    /// afresh (the buffers are shared), so the object may be consumed more than once.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        // A requested schema is a hint a producer may ignore; the columns have one form.
        let _ = requested_schema;
        let (array, schema) =
            to_ffi(&self.data).map_err(|e| PyValueError::new_err(e.to_string()))?;
        // The capsules own the structs; a consumer that imports one empties it, and the
        // drop then releases nothing. One never imported is released when collected.
        let schema = PyCapsule::new_with_value(py, schema, SCHEMA)?;
        let array = PyCapsule::new_with_value(py, array, ARRAY)?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }

    fn __len__(&self) -> usize {
        self.data.len()
    }
}
