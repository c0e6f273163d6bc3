# -o FILE is all or nothing: a failed run, or one killed while writing, leaves an existing
# FILE as it was; a successful run writes exactly what the command prints to standard output.
#   -DCMD=program -DWD=dir -DGOOD=assessment -DBAD=broken-assessment -DTMP=dir
file(REMOVE_RECURSE ${TMP})  # what an earlier, failed run of this test left
file(MAKE_DIRECTORY ${TMP})
set(target ${TMP}/result.csv)
file(WRITE ${target} "previous contents\n")

# Fails unless the last run (described by `what`) left the target as it was.
macro(expect_untouched what)
  file(READ ${target} after)
  if(NOT after STREQUAL "previous contents\n")
    message(FATAL_ERROR "a ${what} run changed ${target}: ${after}")
  endif()
endmacro()

execute_process(COMMAND ${CMD} score ${BAD} --format csv -o ${target} WORKING_DIRECTORY ${WD}
  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "broken assessment gave exit status ${rc}, expected 1")
endif()
expect_untouched(failed)
file(GLOB leftovers ${TMP}/.result.csv.*)
if(leftovers)
  message(FATAL_ERROR "a failed run left temporary files: ${leftovers}")
endif()
# A run killed midway through writing: a 1 KB file-size limit makes the kernel send SIGXFSZ
# while it writes its temporary file. The previous file must be intact, and the run removes
# its temporary file before it dies (issue 26).
execute_process(COMMAND /bin/sh -c "ulimit -f 1 && exec \"$0\" score \"$1\" --format csv -o \"$2\""
                        ${CMD} ${GOOD} ${target}
  WORKING_DIRECTORY ${WD} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(rc STREQUAL "0" OR rc STREQUAL "1")
  message(FATAL_ERROR "a run limited to 1 KB of output was not killed (status ${rc})")
endif()
expect_untouched(killed)
file(GLOB partial ${TMP}/.result.csv.xingji-*)
if(partial)
  message(FATAL_ERROR "the killed run left its temporary file: ${partial}")
endif()

# -o never lands on an input (issue 26): on a copy of the assessment, its manifest, a data
# file, and a file a data pattern would read next time, each refused with exit 1, nothing written.
file(COPY ${WD}/${GOOD}/ DESTINATION ${TMP}/copy)
file(READ ${TMP}/copy/xingji.yaml manifest_before)
foreach(output xingji.yaml data/villages-2024.csv data/result.csv data/../data/result.csv)
  execute_process(COMMAND ${CMD} score ${TMP}/copy --format csv -o ${TMP}/copy/${output} WORKING_DIRECTORY ${WD}
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 1 OR NOT err MATCHES "error: -o names")
    message(FATAL_ERROR "-o ${output} in the assessment gave status ${rc}: ${err}")
  endif()
endforeach()
file(READ ${TMP}/copy/xingji.yaml manifest_after)
if(EXISTS ${TMP}/copy/data/result.csv OR NOT manifest_before STREQUAL manifest_after)
  message(FATAL_ERROR "a refused -o wrote something")
endif()

execute_process(COMMAND ${CMD} score ${GOOD} --format csv -o ${target} WORKING_DIRECTORY ${WD} RESULT_VARIABLE rc)
execute_process(COMMAND ${CMD} score ${GOOD} --format csv WORKING_DIRECTORY ${WD} OUTPUT_VARIABLE printed)
file(READ ${target} written)
if(NOT rc EQUAL 0 OR NOT written STREQUAL printed)
  message(FATAL_ERROR "-o wrote something other than the printed output (status ${rc})")
endif()
execute_process(COMMAND ${CMD} score ${GOOD} -o ${TMP}/no/such/dir/x.csv WORKING_DIRECTORY ${WD}
  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "x.csv: error: cannot write")
  message(FATAL_ERROR "an unwritable -o gave status ${rc}: ${err}")
endif()
