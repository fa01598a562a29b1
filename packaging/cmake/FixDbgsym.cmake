# CPACK_POST_BUILD_SCRIPTS: makes the -dbgsym package CPack 3.25 writes acceptable to lintian.
# Its md5sums list the files by their absolute paths in CPack's staging folder (lintian:
# md5sums-lists-nonexistent-file) and it carries no copyright or changelog. Unpacked, given
# relative md5sums and the doc folder as a link to fal-files' (Debian policy 12.5 allows that
# since it depends on fal-files of the same version), and packed again.
find_program(DPKG_DEB dpkg-deb REQUIRED)
set(symbol_packages)
foreach(package IN LISTS CPACK_PACKAGE_FILES)
    get_filename_component(dir "${package}" DIRECTORY)
    file(GLOB found "${dir}/*-dbgsym_*.ddeb")
    list(APPEND symbol_packages ${found})
endforeach()
list(REMOVE_DUPLICATES symbol_packages)
foreach(ddeb IN LISTS symbol_packages)
    set(tree "${CPACK_TOPLEVEL_DIRECTORY}/dbgsym-fix")
    file(REMOVE_RECURSE "${tree}")
    execute_process(COMMAND "${DPKG_DEB}" --raw-extract "${ddeb}" "${tree}"
                    COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND find usr -type f -exec md5sum {} +
                    WORKING_DIRECTORY "${tree}" OUTPUT_FILE "${tree}/DEBIAN/md5sums"
                    COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND "${DPKG_DEB}" --field "${ddeb}" Package
                    OUTPUT_VARIABLE name OUTPUT_STRIP_TRAILING_WHITESPACE
                    COMMAND_ERROR_IS_FATAL ANY)
    file(MAKE_DIRECTORY "${tree}/usr/share/doc")
    file(CREATE_LINK "${CPACK_PACKAGE_NAME}" "${tree}/usr/share/doc/${name}" SYMBOLIC)
    execute_process(COMMAND "${DPKG_DEB}" --root-owner-group -Z${CPACK_DEBIAN_COMPRESSION_TYPE}
                            --build "${tree}" "${ddeb}"
                    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
    file(REMOVE_RECURSE "${tree}")
    message(STATUS "fal-files: ${ddeb} given relative md5sums and a doc link")
endforeach()
