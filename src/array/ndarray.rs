//! The n-d array core: a 1-D or 2-D strided view of a shared [`Buffer`].
//!
//! An array is immutable metadata (dtype, offset, shape, strides in
//! elements) plus an `Arc` of the buffer, so basic slices and `.T` are views
//! that share their base's elements, exactly as in NumPy; writes through any
//! view are seen by all of them. This file holds the struct and its layout
//! arithmetic and element access, used by both `modules/numpy` (the
//! Python-facing methods, indexing and the `NativeObject` hooks live in
//! `modules/numpy/ndarray.rs`) and the kernels.

use std::sync::Arc;

use super::storage::{Buffer, DType, Scalar};
use crate::vm::prelude::*;

pub struct NdArray {
    pub dtype: DType,
    pub buf: Arc<Buffer>,
    /// Buffer index of element `[0]` / `[0, 0]`.
    pub offset: usize,
    /// 1 or 2.
    pub nd: usize,
    /// `shape[1]` is 1 for 1-D arrays.
    pub shape: [usize; 2],
    /// In elements; `strides[1]` is 0 for 1-D arrays.
    pub strides: [isize; 2],
}

impl NdArray {
    /// A new C-contiguous array over `words` (one per element).
    pub fn from_words(dtype: DType, shape: &[usize], words: Vec<u64>) -> NdArray {
        NdArray::contiguous(dtype, shape, Buffer::from_words(words))
    }

    /// A C-contiguous array over a whole buffer.
    pub fn contiguous(dtype: DType, shape: &[usize], buf: Arc<Buffer>) -> NdArray {
        match *shape {
            [n] => NdArray {
                dtype,
                buf,
                offset: 0,
                nd: 1,
                shape: [n, 1],
                strides: [1, 0],
            },
            [r, c, ..] => NdArray {
                dtype,
                buf,
                offset: 0,
                nd: 2,
                shape: [r, c],
                strides: [c as isize, 1],
            },
            [] => NdArray {
                dtype,
                buf,
                offset: 0,
                nd: 1,
                shape: [0, 1],
                strides: [1, 0],
            },
        }
    }

    pub fn zeros(dtype: DType, shape: &[usize]) -> PyResult<NdArray> {
        let n = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
        let n = n.ok_or_else(|| value_error("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."))?;
        Ok(NdArray::contiguous(dtype, shape, Buffer::zeroed(n)?))
    }

    pub fn into_value(self) -> Value {
        Value::native(self)
    }

    pub fn shape(&self) -> &[usize] {
        &self.shape[..self.nd]
    }

    pub fn size(&self) -> usize {
        self.shape[0] * self.shape[1]
    }

    /// (rows, cols, row stride, col stride) with 1-D arrays as one row.
    pub fn dims2(&self) -> (usize, usize, isize, isize) {
        if self.nd == 1 {
            (1, self.shape[0], 0, self.strides[0])
        } else {
            (
                self.shape[0],
                self.shape[1],
                self.strides[0],
                self.strides[1],
            )
        }
    }

    /// Buffer index of the element at row `r`, column `c` of `dims2`.
    #[inline(always)]
    pub fn pos2(&self, r: usize, c: usize) -> usize {
        let (_, _, rs, cs) = self.dims2();
        (self.offset as isize + r as isize * rs + c as isize * cs) as usize
    }

    /// Are the elements one run of the buffer in C order?
    pub fn is_c_contiguous(&self) -> bool {
        let (rows, cols, rs, cs) = self.dims2();
        (cols <= 1 || cs == 1) && (rows <= 1 || rs == cols as isize)
    }

    /// The elements as one run of the buffer, when C-contiguous.
    pub fn flat_range(&self) -> Option<std::ops::Range<usize>> {
        self.is_c_contiguous()
            .then(|| self.offset..self.offset + self.size())
    }

    /// The element words in C order.
    pub fn words(&self) -> Vec<u64> {
        if let Some(r) = self.flat_range() {
            return self.buf.words()[r]
                .iter()
                .map(|w| w.load(std::sync::atomic::Ordering::Relaxed))
                .collect();
        }
        let (rows, cols, _, _) = self.dims2();
        let mut out = Vec::with_capacity(self.size());
        for r in 0..rows {
            for c in 0..cols {
                out.push(self.buf.get(self.pos2(r, c)));
            }
        }
        out
    }

    /// Call `f` with the buffer index of every element, in C order.
    pub fn for_each_pos(&self, mut f: impl FnMut(usize)) {
        let (rows, cols, rs, cs) = self.dims2();
        for r in 0..rows {
            let base = self.offset as isize + r as isize * rs;
            for c in 0..cols {
                f((base + c as isize * cs) as usize);
            }
        }
    }

    pub fn scalar_at(&self, pos: usize) -> Scalar {
        Scalar::from_bits(self.dtype, self.buf.get(pos))
    }

    /// The C-order elements as f64.
    pub fn to_f64_vec(&self) -> Vec<f64> {
        let w = self.words();
        match self.dtype {
            DType::Float64 => w.into_iter().map(f64::from_bits).collect(),
            DType::Int64 => w.into_iter().map(|b| b as i64 as f64).collect(),
            DType::Bool => w.into_iter().map(|b| b as f64).collect(),
        }
    }

    /// A view of the same buffer.
    pub fn view(&self, offset: usize, shape: &[usize], strides: &[isize]) -> NdArray {
        NdArray {
            dtype: self.dtype,
            buf: self.buf.clone(),
            offset,
            nd: shape.len(),
            shape: [shape[0], shape.get(1).copied().unwrap_or(1)],
            strides: [strides[0], strides.get(1).copied().unwrap_or(0)],
        }
    }

    /// A C-contiguous copy (in dtype `to`).
    pub fn copy_as(&self, to: DType) -> NdArray {
        let words = self.words();
        let words = if to == self.dtype {
            words
        } else {
            let from = self.dtype;
            words
                .into_iter()
                .map(|b| Scalar::from_bits(from, b).cast(to).bits())
                .collect()
        };
        NdArray::from_words(to, self.shape(), words)
    }

    pub fn transpose(&self) -> NdArray {
        if self.nd == 1 {
            return self.view(self.offset, self.shape(), &self.strides[..1]);
        }
        self.view(
            self.offset,
            &[self.shape[1], self.shape[0]],
            &[self.strides[1], self.strides[0]],
        )
    }

    /// `a.tolist()`.
    pub fn to_list(&self) -> Value {
        let (rows, cols, _, _) = self.dims2();
        let row = |r: usize| {
            Value::list(
                (0..cols)
                    .map(|c| self.scalar_at(self.pos2(r, c)).to_value())
                    .collect(),
            )
        };
        if self.nd == 1 {
            row(0)
        } else {
            Value::list((0..rows).map(row).collect())
        }
    }

    /// Write `src` (already broadcast to this view's shape by the caller,
    /// C order, in this dtype) into the view.
    pub fn write_words(&self, src: &[u64]) {
        let mut i = 0;
        self.for_each_pos(|p| {
            self.buf.set(p, src[i]);
            i += 1;
        });
    }

    pub fn fill(&self, s: Scalar) {
        let bits = s.cast(self.dtype).bits();
        self.for_each_pos(|p| self.buf.set(p, bits));
    }
}
