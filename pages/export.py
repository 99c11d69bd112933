import streamlit as st
st.title('export')
st.info('Deze pagina wordt nog gebouwd.')
